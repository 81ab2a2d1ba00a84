using Nut.Client;
using Nut.Core.Protocol;

namespace Nut.Web.Watching;

/// <summary>The outcome of a command or a SET: upsd's answer, and the driver's when upsd tracks it.</summary>
/// <param name="Ok">upsd accepted it (and the driver did not report a failure).</param>
/// <param name="Result">OK, SUCCESS, PENDING (the driver did not say within the wait), or the ERR token.</param>
/// <param name="Message">In words, for the page.</param>
public sealed record CommandOutcome(bool Ok, string Result, string Message);

/// <summary>
/// Runs instant commands and SETs on behalf of a logged-in user: a fresh connection to the UPS's upsd per
/// action (the pollers' connections stay unauthenticated), USERNAME and PASSWORD as given, tracking on when
/// the server has it, so the answer says what the driver did and not only that upsd passed it on.
/// upsd checks the password and the user's rights; nothing here decides who may do what.
/// </summary>
public sealed class UpsCommands(WatchSettings settings)
{
    static readonly TimeSpan TrackingWait = TimeSpan.FromSeconds(5), TrackingPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks a login the only way upsd allows without acting: a SET of a variable no UPS has. A right
    /// password of a user with SET rights gets VAR-NOT-SUPPORTED; anything else gets ACCESS-DENIED. (upsd checks
    /// an instant command's existence before the password, so commands cannot be used to check.)</summary>
    public async Task<CommandOutcome> CheckLoginAsync(string host, int port, string ups, string user, string password, CancellationToken ct)
    {
        try
        {
            await using var client = await AuthenticatedAsync(host, port, user, password, ct);
            string reply = await client.RawAsync($"SET VAR {Quote(ups)} upsweb.login.check \"x\"", ct);
            return reply switch
            {
                "ERR VAR-NOT-SUPPORTED" => new CommandOutcome(true, "OK", "Logged in as " + user),
                "ERR ACCESS-DENIED" => new CommandOutcome(false, "ACCESS-DENIED",
                    "upsd refused this user name and password (a web login needs a user with \"actions = SET\" in upsd.users)"),
                _ when reply.StartsWith("ERR ", StringComparison.Ordinal) => Failure(reply),
                _ => new CommandOutcome(false, "UNEXPECTED", "upsd answered: " + reply),
            };
        }
        catch (NutClientException e)
        {
            return new CommandOutcome(false, e.ErrToken ?? "CONNECTION", e.Message);
        }
    }

    public Task<CommandOutcome> InstantCommandAsync(string host, int port, string ups, string user, string password,
        string command, string? parameter, CancellationToken ct) =>
        RunAsync(host, port, user, password,
            $"INSTCMD {Quote(ups)} {Quote(command)}" + (string.IsNullOrEmpty(parameter) ? "" : " " + Quote(parameter)), ct);

    public Task<CommandOutcome> SetVariableAsync(string host, int port, string ups, string user, string password,
        string variable, string value, CancellationToken ct) =>
        RunAsync(host, port, user, password, $"SET VAR {Quote(ups)} {Quote(variable)} \"{Nut.Core.Text.NutQuoting.Escape(value)}\"", ct);

    async Task<CommandOutcome> RunAsync(string host, int port, string user, string password, string request, CancellationToken ct)
    {
        try
        {
            await using var client = await AuthenticatedAsync(host, port, user, password, ct);
            bool tracking = await client.RawAsync("SET TRACKING ON", ct) == "OK";
            string reply = await client.RawAsync(request, ct);
            if (reply.StartsWith("ERR ", StringComparison.Ordinal))
                return Failure(reply);
            if (!reply.StartsWith("OK TRACKING ", StringComparison.Ordinal) || !tracking)
                return new CommandOutcome(true, "OK", "upsd passed it to the driver");
            string id = reply["OK TRACKING ".Length..];
            var deadline = DateTime.UtcNow + TrackingWait;
            while (true)
            {
                string state = await client.GetTrackingAsync(id, ct);
                if (state != "PENDING")
                    return state == "SUCCESS"
                        ? new CommandOutcome(true, "SUCCESS", "The driver carried it out")
                        : new CommandOutcome(false, state, "The driver reported " + state);
                if (DateTime.UtcNow >= deadline)
                    return new CommandOutcome(true, "PENDING", "upsd passed it to the driver, which has not answered yet");
                await Task.Delay(TrackingPoll, ct);
            }
        }
        catch (NutClientException e)
        {
            return new CommandOutcome(false, e.ErrToken ?? "CONNECTION", e.Message);
        }
    }

    async Task<NutClient> AuthenticatedAsync(string host, int port, string user, string password, CancellationToken ct)
    {
        var client = await NutClient.ConnectAsync(host, port, tryTls: settings.TryTls, timeout: settings.Timeout, ct: ct);
        try
        {
            client.Connection.Timeout = settings.Timeout;
            // NUT's tools send these unquoted (a password with a space then fails); quoting when needed lets it through.
            foreach (string reply in new[] { await client.UsernameAsync(user, ct), await client.PasswordAsync(password, ct) })
                if (reply != "OK")
                    throw NutClientException.FromErrLine(reply.StartsWith("ERR ", StringComparison.Ordinal) ? reply : "ERR " + reply);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    static CommandOutcome Failure(string errLine)
    {
        var e = NutClientException.FromErrLine(errLine);
        return new CommandOutcome(false, e.ErrToken ?? "ERR", e.Message);
    }

    static string Quote(string word) => Nut.Core.Text.NutQuoting.ClientArgument(word);
}
