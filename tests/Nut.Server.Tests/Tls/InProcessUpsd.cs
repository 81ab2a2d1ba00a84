using System.Text;
using Nut.Core.Config;
using Nut.Server.Tls;
using Nut.Testing;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// Our upsd running inside the test process on 127.0.0.1 and a free port, set up from upsd.conf text exactly as
/// upsd does at start-up (<see cref="UpsdTls.Configure"/> for CERTFILE), serving the drivers whose sockets are in
/// <c>statePath</c>. Users as in <see cref="NutStack"/>: admin/mypass, mon/monpw (primary), sec/secpw.
/// Dispose stops it and removes the STARTTLS hook again.
/// </summary>
public sealed class InProcessUpsd : IAsyncDisposable
{
    readonly UpsdServer _server;

    InProcessUpsd(UpsdServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }
    public UpsdServer Server => _server;

    /// <param name="statePath">Where the drivers' sockets are.</param>
    /// <param name="upsConf">ups.conf text (sections naming those drivers).</param>
    /// <param name="upsdConf">upsd.conf directives besides LISTEN (e.g. CERTFILE).</param>
    /// <param name="tlsClock">Times the TLS handshakes only (the rest of the server runs in real time).</param>
    public static async Task<InProcessUpsd> StartAsync(string statePath, string upsConf, string upsdConf, TimeProvider? tlsClock = null)
    {
        int port = FreePort.Next();
        var conf = UpsdConf.Parse("upsd.conf", Encoding.UTF8.GetBytes($"LISTEN 127.0.0.1 {port}\n{upsdConf}\n"));
        if (UpsdTls.Configure(conf, tlsClock) is { } fatal)
            throw new InvalidOperationException("TLS set-up failed: " + fatal);
        var server = new UpsdServer(conf, UpsdUsers.Parse("upsd.users", Encoding.UTF8.GetBytes(NutStack.Users)),
            CmdVarTab.TryLoad(Paths.DebianDataPath) ?? CmdVarTab.Empty, statePath, TimeProvider.System);
        if (server.Bind(conf.Listen, ipv4Only: false, ipv6Only: false) != 1)
            throw new InvalidOperationException($"cannot listen on 127.0.0.1:{port}");
        await server.ApplyUpsConf(UpsConf.Parse("ups.conf", Encoding.UTF8.GetBytes(upsConf)));
        server.Start();
        return new InProcessUpsd(server, port);
    }

    /// <summary>Waits until <paramref name="ups"/> has data (its driver connected and dumped).</summary>
    public void WaitForData(string ups)
    {
        var end = DateTime.UtcNow.AddSeconds(20);
        using var c = new LineClient("127.0.0.1", Port);
        while (true)
        {
            string reply = c.Request($"GET VAR {ups} ups.status");
            if (reply.StartsWith("VAR ", StringComparison.Ordinal) && !reply.Contains("WAIT", StringComparison.Ordinal))
                break;
            if (DateTime.UtcNow > end)
                throw new TimeoutException($"no data for {ups} on our in-process upsd: {reply}");
            Thread.Sleep(50);
        }
        Thread.Sleep(200); // the rest of the dump follows ups.status
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        ClientSession.TlsUpgrade = null;
    }
}
