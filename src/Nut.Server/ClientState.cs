namespace Nut.Server;

/// <summary>What upsd remembers about one client connection (the part the protocol handler reads and writes).</summary>
public sealed class ClientState
{
    static long s_nextSequence;

    public ClientState(string address)
    {
        Address = address;
        Sequence = Interlocked.Increment(ref s_nextSequence);
    }

    /// <summary>The peer address as text (127.0.0.1, ::1), for LIST CLIENT and logs.</summary>
    public string Address { get; }
    /// <summary>Connection order: LIST CLIENT shows the newest first.</summary>
    public long Sequence { get; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>The UPS this connection did LOGIN to (canonical name), if any.</summary>
    public UpsEntry? LoggedInto { get; set; }
    public bool Tracking { get; set; }
    public bool IsTls { get; set; }

    /// <summary>Set by LOGOUT: close after the reply.</summary>
    public bool CloseRequested { get; set; }
    /// <summary>Set by a successful STARTTLS: hand-shake after the reply.</summary>
    public bool TlsRequested { get; set; }
}
