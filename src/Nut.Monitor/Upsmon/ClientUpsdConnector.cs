using System.Net;
using System.Net.Sockets;
using Nut.Client;

namespace Nut.Monitor.Upsmon;

/// <summary>
/// upsmon's connections through Nut.Client. The login lines go out with <see cref="NutClient.RawAsync"/>
/// because upsmon writes them with printf, unquoted, and must see ERR replies verbatim; GET VAR and
/// GET NUMLOGINS use the typed calls (libupsclient's quoting and reply checks). A reply is waited for 5 s at
/// most, as libupsclient's read does (then "Server disconnected"): behind a network partition NUT's upsmon
/// declares COMMBAD about 5 s after its poll, and so do we (tests/Nut.Monitor.Tests/PartitionTests.cs).
/// STARTTLS is sent first, as Debian's TLS-enabled upsmon does; how the handshake checks the server and whether
/// clear text is acceptable come from <see cref="UpsmonTls"/> (CERTVERIFY, FORCESSL, CERTPATH, CERTHOST).
/// Without a policy (tests), the library default applies: encrypt when offered, no verification.
/// </summary>
public sealed class ClientUpsdConnector(AddressFamily? family = null, bool forceSsl = false, UpsmonTls? tls = null) : IUpsdConnector
{
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public IUpsdSession Connect(MonitoredUps ups)
    {
        string host = ups.Host;
        int port = ups.Port;
        try
        {
            string target = host;
            if (family is { } f)
            {
                // -4 / -6: only addresses of that family.
                var address = Resolve(host).FirstOrDefault(a => a.AddressFamily == f)
                    ?? throw new NutClientException("No such host");
                target = address.ToString();
            }
            var (required, upgrade) = tls?.For(host) ?? (forceSsl, NutClient.TlsUpgrade!);
            // The certificate is checked against the name in MONITOR, not the address -4/-6 picked.
            var client = NutClient.ConnectAsync(target, port, tryTls: true, requireTls: required, timeout: ConnectTimeout,
                upgrade: (connection, _, ct) => upgrade(connection, host, ct)).GetAwaiter().GetResult();
            client.Connection.Timeout = ReplyTimeout;
            return new ClientSession(client);
        }
        catch (NutClientException e)
        {
            throw new UpsdException(e.Message, e.ErrToken, connectionLost: true);
        }
    }

    static IPAddress[] Resolve(string host)
    {
        try { return Dns.GetHostAddresses(host); }
        catch (SocketException) { return []; }
    }

    sealed class ClientSession(NutClient client) : IUpsdSession
    {
        bool _closed;

        string Raw(string line)
        {
            try
            {
                return client.RawAsync(line).GetAwaiter().GetResult();
            }
            catch (NutClientException e)
            {
                throw new UpsdException(e.Message, null, connectionLost: true);
            }
        }

        public string Username(string user) => Raw("USERNAME " + user);
        public string Password(string password) => Raw("PASSWORD " + password);
        public string Login(string ups) => Raw("LOGIN " + ups);
        public string Primary(string ups) => Raw("PRIMARY " + ups);
        public string Master(string ups) => Raw("MASTER " + ups);
        public string Fsd(string ups) => Raw("FSD " + ups);

        public string GetStatus(string ups)
        {
            try
            {
                return client.GetVariableAsync(ups, "ups.status").GetAwaiter().GetResult();
            }
            catch (NutClientException e)
            {
                throw Translate(e);
            }
        }

        public string GetVar(string ups, string name)
        {
            try
            {
                return client.GetVariableAsync(ups, name).GetAwaiter().GetResult();
            }
            catch (NutClientException e)
            {
                throw Translate(e);
            }
        }

        public int GetNumLogins(string ups)
        {
            try
            {
                return client.GetNumLoginsAsync(ups).GetAwaiter().GetResult();
            }
            catch (NutClientException e)
            {
                throw Translate(e);
            }
        }

        // An ERR reply leaves the connection usable; anything else (EOF, time-out, garbage) does not.
        static UpsdException Translate(NutClientException e) => new(e.Message, e.ErrToken, connectionLost: e.ErrToken is null);

        public void Logout()
        {
            if (_closed)
                return;
            try
            {
                client.Connection.Timeout = TimeSpan.FromSeconds(2);
                client.LogoutAsync().GetAwaiter().GetResult();
            }
            catch (NutClientException) { }
            Dispose();
        }

        public void Dispose()
        {
            if (_closed)
                return;
            _closed = true;
            client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
