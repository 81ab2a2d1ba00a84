namespace Nut.Monitor.Upsmon;

/// <summary>
/// A failed exchange with upsd. <see cref="Exception.Message"/> is the text NUT's client library gives
/// ("Connection failure: Connection refused", "Data stale", ...); <see cref="ErrToken"/> is the server's
/// ERR token when it answered one; <see cref="ConnectionLost"/> says the connection is unusable now.
/// </summary>
public sealed class UpsdException(string message, string? errToken = null, bool connectionLost = false) : Exception(message)
{
    public string? ErrToken { get; } = errToken;
    public bool ConnectionLost { get; } = connectionLost;
}

/// <summary>Opens connections to upsd for upsmon (a real TCP client, or a scripted server in a simulation).</summary>
public interface IUpsdConnector
{
    /// <summary>Connects to the upsd that serves <paramref name="ups"/> (its host and port); throws
    /// <see cref="UpsdException"/> with the client's error text.</summary>
    IUpsdSession Connect(MonitoredUps ups);
}

/// <summary>
/// upsmon's side of one connection, one method per request it makes. The login requests return the server's
/// reply line as is (upsmon checks for an "OK" prefix and logs anything else verbatim); they throw
/// <see cref="UpsdException"/> only when the request could not be sent or no reply was read.
/// </summary>
public interface IUpsdSession : IDisposable
{
    /// <summary><c>USERNAME &lt;user&gt;</c> — written unquoted, as upsmon does.</summary>
    string Username(string user);

    /// <summary><c>PASSWORD &lt;password&gt;</c> — unquoted, so a password with a space fails on any upsd.</summary>
    string Password(string password);

    /// <summary><c>LOGIN &lt;ups&gt;</c>.</summary>
    string Login(string ups);

    /// <summary><c>PRIMARY &lt;ups&gt;</c> (NUT 2.8 servers).</summary>
    string Primary(string ups);

    /// <summary><c>MASTER &lt;ups&gt;</c> (older servers, tried when PRIMARY is refused).</summary>
    string Master(string ups);

    /// <summary><c>FSD &lt;ups&gt;</c>: sets the forced-shutdown latch.</summary>
    string Fsd(string ups);

    /// <summary><c>GET VAR &lt;ups&gt; ups.status</c>: the status words. Server errors throw with their client text.</summary>
    string GetStatus(string ups);

    /// <summary><c>GET VAR &lt;ups&gt; &lt;name&gt;</c> (for SHUTDOWNRULE). Server errors throw with their ERR token.</summary>
    string GetVar(string ups, string name);

    /// <summary><c>GET NUMLOGINS &lt;ups&gt;</c>: how many upsmon instances are logged in to the UPS.</summary>
    int GetNumLogins(string ups);

    /// <summary><c>LOGOUT</c>, then close; errors are ignored (the connection is going anyway).</summary>
    void Logout();
}
