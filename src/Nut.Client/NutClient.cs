using Nut.Core.Text;
using Nut.Platform.Tls;

namespace Nut.Client;

/// <summary>One item of LIST UPS.</summary>
public sealed record UpsListing(string Name, string Description);

/// <summary>An integer range from LIST RANGE.</summary>
public sealed record VariableRange(string Min, string Max);

/// <summary>
/// The NUT client: typed calls for every protocol command over one <see cref="NutConnection"/>. Errors are
/// <see cref="NutClientException"/>s carrying the text NUT's client library prints. LIST replies are checked
/// as libupsclient checks them (the BEGIN/END echo and each item's leading words must match the query,
/// ignoring case), so a confused server gives "Protocol error" rather than wrong data.
/// </summary>
public sealed class NutClient : IAsyncDisposable
{
    readonly NutConnection _connection;

    NutClient(NutConnection connection) => _connection = connection;

    public NutConnection Connection => _connection;

    /// <summary>
    /// Upgrades a connection to TLS after "OK STARTTLS". By default NUT's client default: encrypt, accept any
    /// certificate (libupsclient verifies only when told to, e.g. upsmon's CERTVERIFY). Null: TLS is not
    /// available, and a client that requires TLS fails rather than talk in clear.
    /// </summary>
    public static Func<NutConnection, string, CancellationToken, Task>? TlsUpgrade { get; set; } = UpgradeWith(TlsClientOptions.NoVerification);

    /// <summary>A STARTTLS upgrade that checks the server's certificate as <paramref name="options"/> say.</summary>
    public static Func<NutConnection, string, CancellationToken, Task> UpgradeWith(TlsClientOptions options) =>
        async (connection, host, ct) =>
        {
            var tls = await TlsClientUpgrade.UpgradeAsync(connection.Stream, host, options, ct).ConfigureAwait(false);
            connection.ReplaceStream(tls);
        };

    /// <summary>Connects. With <paramref name="tryTls"/> it sends STARTTLS first, as NUT's "try SSL" clients do,
    /// and goes on in clear when the server declines (unless <paramref name="requireTls"/>). The handshake is
    /// <paramref name="upgrade"/>'s, or <see cref="TlsUpgrade"/>'s.</summary>
    public static async Task<NutClient> ConnectAsync(string host, int port, bool tryTls = false, bool requireTls = false,
        TimeSpan? timeout = null, CancellationToken ct = default, Func<NutConnection, string, CancellationToken, Task>? upgrade = null)
    {
        var connection = await NutConnection.ConnectAsync(host, port, timeout, ct).ConfigureAwait(false);
        var client = new NutClient(connection);
        if (tryTls || requireTls)
        {
            try
            {
                await client.StartTlsAsync(host, requireTls, upgrade ?? TlsUpgrade, ct).ConfigureAwait(false);
            }
            catch
            {
                await client.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return client;
    }

    public static Task<NutClient> ConnectAsync(UpsAddress address, bool tryTls = false, CancellationToken ct = default) =>
        ConnectAsync(address.Host, address.Port, tryTls, ct: ct);

    async Task StartTlsAsync(string host, bool required, Func<NutConnection, string, CancellationToken, Task>? upgrade, CancellationToken ct)
    {
        await _connection.SendAsync("STARTTLS", ct).ConfigureAwait(false);
        string reply = await _connection.ReadLineAsync(ct).ConfigureAwait(false);
        if (reply.StartsWith("OK STARTTLS", StringComparison.Ordinal))
        {
            if (upgrade is null)
                throw new NutClientException("SSL is not available");
            try
            {
                await upgrade(_connection, host, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
            {
                // The session is unusable now: nothing may follow in clear.
                throw new NutClientException("SSL handshake failed: " + e.Message);
            }
            return;
        }
        if (required)
            throw new NutClientException("SSL is not available");
    }

    // ---- LIST ----

    async Task<List<string[]>> ListAsync(string[] query, CancellationToken ct)
    {
        string q = string.Join(' ', query.Select(NutQuoting.ClientArgument));
        await _connection.SendAsync("LIST " + q, ct).ConfigureAwait(false);
        string first = await _connection.ReadLineAsync(ct).ConfigureAwait(false);
        if (first.StartsWith("ERR ", StringComparison.Ordinal))
            throw NutClientException.FromErrLine(first);
        if (!Echoes(NutTokenizer.TokenizeLine(first).Words, ["BEGIN", "LIST", .. query]))
            throw new NutClientException("Protocol error");
        var items = new List<string[]>();
        while (true)
        {
            string line = await _connection.ReadLineAsync(ct).ConfigureAwait(false);
            var words = NutTokenizer.TokenizeLine(line).Words;
            if (Echoes(words, ["END", "LIST", .. query]))
                return items;
            // Items start with the list's type and its arguments: VAR <ups> ..., ENUM <ups> <var> ...
            if (!Echoes(words, [query[0], .. query[1..]]))
                throw new NutClientException("Protocol error");
            items.Add(words);
        }
    }

    static bool Echoes(string[] words, string[] expected)
    {
        if (words.Length < expected.Length)
            return false;
        for (int i = 0; i < expected.Length; i++)
            if (!words[i].Equals(expected[i], StringComparison.OrdinalIgnoreCase))
                return false;
        return true;
    }

    public async Task<List<UpsListing>> ListUpsAsync(CancellationToken ct = default) =>
        (await ListAsync(["UPS"], ct).ConfigureAwait(false)).Where(w => w.Length >= 3).Select(w => new UpsListing(w[1], w[2])).ToList();

    public async Task<List<KeyValuePair<string, string>>> ListVariablesAsync(string ups, CancellationToken ct = default) =>
        (await ListAsync(["VAR", ups], ct).ConfigureAwait(false)).Where(w => w.Length >= 4).Select(w => KeyValuePair.Create(w[2], w[3])).ToList();

    public async Task<List<KeyValuePair<string, string>>> ListWritableAsync(string ups, CancellationToken ct = default) =>
        (await ListAsync(["RW", ups], ct).ConfigureAwait(false)).Where(w => w.Length >= 4).Select(w => KeyValuePair.Create(w[2], w[3])).ToList();

    public async Task<List<string>> ListCommandsAsync(string ups, CancellationToken ct = default) =>
        (await ListAsync(["CMD", ups], ct).ConfigureAwait(false)).Where(w => w.Length >= 3).Select(w => w[2]).ToList();

    public async Task<List<string>> ListEnumAsync(string ups, string variable, CancellationToken ct = default) =>
        (await ListAsync(["ENUM", ups, variable], ct).ConfigureAwait(false)).Where(w => w.Length >= 4).Select(w => w[3]).ToList();

    public async Task<List<VariableRange>> ListRangeAsync(string ups, string variable, CancellationToken ct = default) =>
        (await ListAsync(["RANGE", ups, variable], ct).ConfigureAwait(false)).Where(w => w.Length >= 5).Select(w => new VariableRange(w[3], w[4])).ToList();

    public async Task<List<string>> ListClientsAsync(string ups, CancellationToken ct = default) =>
        (await ListAsync(["CLIENT", ups], ct).ConfigureAwait(false)).Where(w => w.Length >= 3).Select(w => w[2]).ToList();

    // ---- GET ----

    /// <summary>GET with the reply's leading words checked; returns the words after them.</summary>
    async Task<string[]> GetAsync(string[] query, CancellationToken ct)
    {
        string reply = await _connection.RequestAsync("GET " + string.Join(' ', query.Select(NutQuoting.ClientArgument)), ct).ConfigureAwait(false);
        var words = NutTokenizer.TokenizeLine(reply).Words;
        string[] expected = [query[0], .. query[1..]];
        if (!Echoes(words, expected))
            throw new NutClientException("Protocol error");
        return words[expected.Length..];
    }

    static string First(string[] rest) => rest.Length > 0 ? rest[0] : throw new NutClientException("Protocol error");

    public async Task<string> GetVariableAsync(string ups, string variable, CancellationToken ct = default) =>
        First(await GetAsync(["VAR", ups, variable], ct).ConfigureAwait(false));

    /// <summary>GET TYPE: the type words (RW, ENUM, RANGE, STRING:n, NUMBER).</summary>
    public async Task<string[]> GetTypeAsync(string ups, string variable, CancellationToken ct = default) =>
        await GetAsync(["TYPE", ups, variable], ct).ConfigureAwait(false);

    public async Task<string> GetDescriptionAsync(string ups, string variable, CancellationToken ct = default) =>
        First(await GetAsync(["DESC", ups, variable], ct).ConfigureAwait(false));

    public async Task<string> GetCommandDescriptionAsync(string ups, string command, CancellationToken ct = default) =>
        First(await GetAsync(["CMDDESC", ups, command], ct).ConfigureAwait(false));

    public async Task<string> GetUpsDescriptionAsync(string ups, CancellationToken ct = default) =>
        First(await GetAsync(["UPSDESC", ups], ct).ConfigureAwait(false));

    public async Task<int> GetNumLoginsAsync(string ups, CancellationToken ct = default) =>
        int.TryParse(First(await GetAsync(["NUMLOGINS", ups], ct).ConfigureAwait(false)), out int n) ? n : throw new NutClientException("Protocol error");

    /// <summary>GET TRACKING &lt;id&gt;: PENDING, SUCCESS or an "ERR ..." word, returned as the server said it.</summary>
    public async Task<string> GetTrackingAsync(string id, CancellationToken ct = default)
    {
        await _connection.SendAsync("GET TRACKING " + id, ct).ConfigureAwait(false);
        return await _connection.ReadLineAsync(ct).ConfigureAwait(false);
    }

    // ---- commands that change things ----

    /// <summary>Sends a line and returns the reply as is (callers that must show ERR replies verbatim).</summary>
    public async Task<string> RawAsync(string line, CancellationToken ct = default)
    {
        await _connection.SendAsync(line, ct).ConfigureAwait(false);
        return await _connection.ReadLineAsync(ct).ConfigureAwait(false);
    }

    public Task<string> UsernameAsync(string user, CancellationToken ct = default) => _connection.RequestAsync("USERNAME " + NutQuoting.ClientArgument(user), ct);
    public Task<string> PasswordAsync(string password, CancellationToken ct = default) => _connection.RequestAsync("PASSWORD " + NutQuoting.ClientArgument(password), ct);
    public Task<string> LoginAsync(string ups, CancellationToken ct = default) => _connection.RequestAsync("LOGIN " + NutQuoting.ClientArgument(ups), ct);
    public Task<string> PrimaryAsync(string ups, CancellationToken ct = default) => _connection.RequestAsync("PRIMARY " + NutQuoting.ClientArgument(ups), ct);
    public Task<string> FsdAsync(string ups, CancellationToken ct = default) => _connection.RequestAsync("FSD " + NutQuoting.ClientArgument(ups), ct);
    public Task<string> SetTrackingAsync(bool on, CancellationToken ct = default) => _connection.RequestAsync("SET TRACKING " + (on ? "ON" : "OFF"), ct);

    /// <summary>SET VAR; returns "OK" or "OK TRACKING &lt;id&gt;".</summary>
    public Task<string> SetVariableAsync(string ups, string variable, string value, CancellationToken ct = default) =>
        _connection.RequestAsync($"SET VAR {NutQuoting.ClientArgument(ups)} {NutQuoting.ClientArgument(variable)} \"{NutQuoting.Escape(value)}\"", ct);

    /// <summary>INSTCMD; returns "OK" or "OK TRACKING &lt;id&gt;".</summary>
    public Task<string> InstantCommandAsync(string ups, string command, string? parameter = null, CancellationToken ct = default) =>
        _connection.RequestAsync($"INSTCMD {NutQuoting.ClientArgument(ups)} {NutQuoting.ClientArgument(command)}"
            + (parameter is null ? "" : " " + NutQuoting.ClientArgument(parameter)), ct);

    /// <summary>Says goodbye (LOGOUT) and closes; errors are ignored, the connection is going anyway.</summary>
    public async Task LogoutAsync(CancellationToken ct = default)
    {
        try
        {
            await _connection.SendAsync("LOGOUT", ct).ConfigureAwait(false);
            await _connection.ReadLineAsync(ct).ConfigureAwait(false);
        }
        catch (NutClientException) { }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
