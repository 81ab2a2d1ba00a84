using Microsoft.Extensions.Logging;
using Nut.Web.Watching;

namespace Nut.Web.Mqtt;

/// <summary>
/// Runs an instant command that arrived on <c>&lt;prefix&gt;/&lt;ups&gt;/command/set</c>. The payload is the command
/// name, optionally a space and a parameter. It runs as the user of the UPS's MONITOR line: MQTT has no login of
/// its own here, so whoever may publish to that topic acts with those rights (hence off by default), and upsd
/// still checks them.
/// </summary>
public sealed class MqttCommandRunner(IReadOnlyList<WatchTarget> targets, UpsCommands commands, ILogger log)
{
    /// <summary>Longer payloads are not commands (NUT's names are short); they are refused unread.</summary>
    public const int MaxPayload = 512;

    /// <summary>Splits a payload into the command and its optional parameter; null command when there is none.</summary>
    public static (string? Command, string? Parameter) Parse(string payload)
    {
        string text = payload.Trim();
        if (text.Length == 0)
            return (null, null);
        int space = text.IndexOfAny([' ', '\t']);
        if (space < 0)
            return (text, null);
        string parameter = text[(space + 1)..].Trim();
        return (text[..space], parameter.Length == 0 ? null : parameter);
    }

    /// <summary>The watch entry whose user and password a command on <paramref name="ups"/> runs with: its own
    /// MONITOR line first, else a <c>*@host</c> line of its server that has credentials.</summary>
    public WatchTarget? CredentialsFor(UpsSnapshot ups) =>
        targets.FirstOrDefault(t => t.UpsName == ups.Name && t.Server == ups.Server && t.User is not null)
        ?? targets.FirstOrDefault(t => t.AllOnServer && t.Server == ups.Server && t.User is not null);

    public async Task<MqttCommandResult> RunAsync(UpsSnapshot? ups, string segment, string payload, CancellationToken ct)
    {
        var (command, parameter) = Parse(payload);
        string who = ups?.Id ?? segment;
        MqttCommandResult Refuse(string result, string message)
        {
            log.LogError("MQTT command {Payload} for {Ups} refused: {Message}", payload, who, message);
            return new MqttCommandResult(who, command, parameter, false, result, message);
        }

        if (ups is null)
            return Refuse("UNKNOWN-UPS", $"upsweb watches no UPS whose topic is '{segment}'");
        if (command is null)
            return Refuse("INVALID-ARGUMENT", "the payload is empty: send a command name, e.g. beeper.mute, optionally followed by a space and a parameter");
        if (CredentialsFor(ups) is not { User: { } user, Password: { } password } target)
            return Refuse("NO-CREDENTIALS", $"no user and password for {ups.Id}: give them on its MONITOR line in upsweb.conf "
                + $"(MONITOR {ups.Name}@{ups.Server} <user> <password>, a user with instcmds in upsd.users)");

        log.LogInformation("MQTT command {Command}{Parameter} on {Ups} as {User}", command, parameter is null ? "" : " " + parameter, ups.Id, user);
        var outcome = await commands.InstantCommandAsync(target.Host, target.Port, ups.Name, user, password, command, parameter, ct);
        if (outcome.Ok)
            log.LogInformation("MQTT command {Command} on {Ups}: {Result}", command, ups.Id, outcome.Result);
        else
            log.LogWarning("MQTT command {Command} on {Ups} failed: {Result}: {Message}", command, ups.Id, outcome.Result, outcome.Message);
        return new MqttCommandResult(ups.Id, command, parameter, outcome.Ok, outcome.Result, outcome.Message);
    }
}
