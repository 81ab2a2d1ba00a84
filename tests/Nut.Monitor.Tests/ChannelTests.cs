using System.Text;
using System.Text.Json;
using Nut.Core.Config;
using Nut.Monitor.Channels;
using Nut.Monitor.Simulation;
using Nut.Monitor.Upsmon;
using Nut.Testing;

namespace Nut.Monitor.Tests;

/// <summary>
/// NOTIFYCHANNEL / NOTIFYSEND (NutSharp extension): each kind delivers to a local stand-in as its service
/// expects; routing, retries, and a dead channel that must not delay the shutdown.
/// </summary>
public sealed class ChannelTests
{
    static UpsmonConf Conf(string lines)
    {
        var conf = UpsmonConf.Parse("upsmon.conf", Encoding.ASCII.GetBytes("MONITOR ups@localhost 1 u p primary\n" + lines.Replace("\r", "")));
        Assert.False(conf.HasErrors, string.Join("\n", conf.Diagnostics));
        return conf;
    }

    static readonly SimulationRecorder Log = new(() => TimeSpan.Zero);

    static Notification Note(string type, NotifyFlags flags = NotifyFlags.Syslog) =>
        new(type, type == "SHUTDOWN" ? null : "ups@localhost", type == "SHUTDOWN" ? "Auto logout and shutdown proceeding" : $"UPS ups@localhost {type}", flags);

    [Fact]
    public void WebhookPostsJsonOrTheUsersTemplate()
    {
        using var sink = new HttpSink();
        var conf = Conf($"NOTIFYCHANNEL plain webhook {sink.Url}/hook\nNOTIFYCHANNEL mine webhook {sink.Url}/mine \"{{\\\"text\\\": \\\"{{type}} on {{ups}}: {{message}}\\\"}}\"\n");
        using var d = new NotificationDispatcher(conf, Log);
        d.Post(new Notification("ONBATT", "ups@localhost", "UPS \"ups@localhost\" on battery", NotifyFlags.Syslog));
        sink.WaitForCalls(2);
        var plain = sink.Calls.Single(c => c.PathAndQuery == "/hook");
        Assert.Equal("POST", plain.Method);
        Assert.StartsWith("application/json", plain.Headers["Content-Type"]);
        using var json = JsonDocument.Parse(plain.Body);
        Assert.Equal("ONBATT", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("ups@localhost", json.RootElement.GetProperty("ups").GetString());
        Assert.Equal("UPS \"ups@localhost\" on battery", json.RootElement.GetProperty("message").GetString());
        Assert.Equal(Environment.MachineName, json.RootElement.GetProperty("host").GetString());
        var mine = sink.Calls.Single(c => c.PathAndQuery == "/mine");
        // The template's placeholders are filled with JSON-escaped text, so the result is valid JSON.
        Assert.Equal("ONBATT on ups@localhost: UPS \"ups@localhost\" on battery", JsonDocument.Parse(mine.Body).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void NtfyTelegramAndGotifyGetWhatTheirApisExpect()
    {
        using var sink = new HttpSink();
        var conf = Conf($"NOTIFYCHANNEL n ntfy {sink.Url}/ups-alerts\nNOTIFYCHANNEL t telegram 123:ABC -10042 {sink.Url}\nNOTIFYCHANNEL g gotify {sink.Url}/ AbC.dEf\n");
        using var d = new NotificationDispatcher(conf, Log);
        d.Post(Note("LOWBATT"));
        sink.WaitForCalls(3);
        var ntfy = sink.Calls.Single(c => c.PathAndQuery == "/ups-alerts");
        Assert.Equal("UPS ups@localhost LOWBATT", ntfy.Body);
        Assert.Equal($"{Environment.MachineName}: LOWBATT ups@localhost", ntfy.Headers["Title"]);
        Assert.Equal("high", ntfy.Headers["Priority"]);
        var tg = sink.Calls.Single(c => c.PathAndQuery == "/bot123:ABC/sendMessage");
        using (var json = JsonDocument.Parse(tg.Body))
        {
            Assert.Equal("-10042", json.RootElement.GetProperty("chat_id").GetString());
            Assert.Equal($"{Environment.MachineName}: UPS ups@localhost LOWBATT", json.RootElement.GetProperty("text").GetString());
        }
        var gotify = sink.Calls.Single(c => c.PathAndQuery.StartsWith("/message"));
        Assert.Equal("/message?token=AbC.dEf", gotify.PathAndQuery);
        using (var json = JsonDocument.Parse(gotify.Body))
        {
            Assert.Equal(8, json.RootElement.GetProperty("priority").GetInt32());
            Assert.Equal("UPS ups@localhost LOWBATT", json.RootElement.GetProperty("message").GetString());
        }
    }

    [Fact]
    public void SmtpDeliversAMailToEveryRecipient()
    {
        using var smtp = new SmtpSink();
        var conf = Conf($"NOTIFYCHANNEL mail smtp 127.0.0.1:{smtp.Port} ups@example.org a@example.org,b@example.org plain\n");
        using var d = new NotificationDispatcher(conf, Log);
        d.Post(Note("SHUTDOWN"));
        var end = DateTime.UtcNow.AddSeconds(20);
        while (smtp.Mails.Count == 0 && DateTime.UtcNow < end)
            Thread.Sleep(20);
        var mail = Assert.Single(smtp.Mails);
        Assert.Equal("<ups@example.org>", mail.From);
        Assert.Equal(["<a@example.org>", "<b@example.org>"], mail.To);
        Assert.Contains($"Subject: [UPS] {Environment.MachineName}: SHUTDOWN", mail.Data);
        Assert.Contains("Auto logout and shutdown proceeding", mail.Data);
    }

    [Fact]
    public void NotifySendRoutesTypesAndIgnoredNotificationsGoNowhere()
    {
        using var sink = new HttpSink();
        var conf = Conf($"NOTIFYCHANNEL all webhook {sink.Url}/all\nNOTIFYCHANNEL pager webhook {sink.Url}/pager\n"
            + "NOTIFYSEND * all\nNOTIFYSEND LOWBATT pager\nNOTIFYSEND shutdown pager,all\n");
        using var d = new NotificationDispatcher(conf, Log);
        d.Post(Note("ONBATT"));
        d.Post(Note("ONLINE", NotifyFlags.Ignore));
        d.Post(Note("LOWBATT"));
        d.Post(Note("SHUTDOWN"));
        sink.WaitForCalls(5);
        Thread.Sleep(300);
        var calls = sink.Calls.Select(c => (c.PathAndQuery, JsonDocument.Parse(c.Body).RootElement.GetProperty("type").GetString())).Order().ToList();
        Assert.Equal([("/all", "LOWBATT"), ("/all", "ONBATT"), ("/all", "SHUTDOWN"), ("/pager", "LOWBATT"), ("/pager", "SHUTDOWN")], calls);
    }

    [Fact]
    public void AFailedSendIsRetriedAndEachFailureLogged()
    {
        using var sink = new HttpSink();
        sink.NextStatuses.Enqueue(500);
        sink.NextStatuses.Enqueue(503);
        var log = new SimulationRecorder(() => TimeSpan.Zero);
        using var d = new NotificationDispatcher(Conf($"NOTIFYCHANNEL h webhook {sink.Url}/x\n"), log, [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)]);
        d.Post(Note("ONBATT"));
        sink.WaitForCalls(3);
        var failures = log.Events.Where(e => e.Text.StartsWith("notify channel h")).Select(e => e.Text).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains("ONBATT not sent (attempt 1 of 3)", failures[0]);
        Assert.Contains("500", failures[0]);
        Assert.Contains("503", failures[1]);
    }

    [Theory]
    [InlineData("NOTIFYCHANNEL x pigeon a", "NOTIFYCHANNEL: 'pigeon' is not a channel kind: expected webhook, ntfy, telegram, gotify or smtp")]
    [InlineData("NOTIFYCHANNEL x webhook ftp://host/", "NOTIFYCHANNEL: 'ftp://host/' is not an http:// or https:// address")]
    [InlineData("NOTIFYCHANNEL x gotify http://h/", "NOTIFYCHANNEL: expected NOTIFYCHANNEL x gotify <server-url> <app-token>")]
    [InlineData("NOTIFYCHANNEL x smtp mail.lan ups@lan root plain", "NOTIFYCHANNEL: the sender and every recipient must be e-mail addresses")]
    [InlineData("NOTIFYCHANNEL x smtp mail.lan a@lan b@lan tls", "NOTIFYCHANNEL: 'tls' is not an SMTP security")]
    [InlineData("NOTIFYSEND ONBATT nosuch", "NOTIFYSEND: no NOTIFYCHANNEL is called 'nosuch'")]
    [InlineData("NOTIFYSEND POWERCUT x", "NOTIFYSEND: 'POWERCUT' is not a notification type")]
    public void MistakesAreErrorsWithTheirLine(string line, string message)
    {
        var conf = UpsmonConf.Parse("upsmon.conf", Encoding.ASCII.GetBytes($"MONITOR ups@localhost 1 u p primary\n{line}\n"));
        var d = Assert.Single(conf.Diagnostics, x => x.IsError);
        Assert.Equal(2, d.Line);
        Assert.StartsWith(message, d.Message);
        Assert.Null(conf.Fatal); // a broken channel never stops the monitoring
    }

    [Fact]
    public void UpsmonCTestSendsThroughEveryChannelAndSaysHowItWent()
    {
        using var sink = new HttpSink();
        using var dir = new TempDir("channels");
        int closed = FreePort.Next();
        dir.Write("upsmon.conf", $"MONITOR ups@localhost 1 u p primary\nNOTIFYCHANNEL good webhook {sink.Url}/t\nNOTIFYCHANNEL bad ntfy http://127.0.0.1:{closed}/t\n");
        var r = Proc.Run(Paths.Ours("upsmon"), ["-c", "test", "-f", dir["upsmon.conf"]], timeout: TimeSpan.FromSeconds(60));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("good (webhook): sent\n", r.Stdout);
        Assert.Contains("bad (ntfy): FAILED: ", r.Stdout);
        Assert.Equal("TEST", JsonDocument.Parse(Assert.Single(sink.Calls).Body).RootElement.GetProperty("type").GetString());
    }
}

/// <summary>A channel that never answers must not move the shutdown by a second (real processes).</summary>
[Collection("processes")]
public sealed class DeadChannelShutdownTests
{
    [Fact]
    public void ADeadChannelDoesNotDelayTheShutdown()
    {
        // Accepts connections and never answers: every send waits for its time-out.
        using var blackHole = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blackHole.Start(64);
        int port = ((System.Net.IPEndPoint)blackHole.LocalEndpoint).Port;
        var accepted = new List<System.Net.Sockets.Socket>();
        _ = Task.Run(() =>
        {
            try
            {
                while (true)
                {
                    var socket = blackHole.AcceptSocket(); // outside the lock: it blocks
                    lock (accepted)
                        accepted.Add(socket);
                }
            }
            catch (System.Net.Sockets.SocketException) { }
            catch (ObjectDisposedException) { }
        });

        double Delay(string channels)
        {
            using var rig = new UpsmonRig();
            using var run = rig.Start(Impl.Ours, "mon", "POLLFREQ 1\nPOLLFREQALERT 1\nFINALDELAY 1\n" + channels, oneProcess: true);
            run.WaitFor(_ => rig.Stack.Connect().Request("GET NUMLOGINS dev") == "NUMLOGINS dev 1", "login");
            double t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            rig.SetStatus("OB LB");
            run.WaitFor(r => r.ShutdownTime is not null, "shutdown");
            return run.ShutdownTime!.Value - t;
        }

        double without = Delay("");
        double with = Delay($"NOTIFYCHANNEL dead webhook http://127.0.0.1:{port}/\nNOTIFYCHANNEL dead2 ntfy http://127.0.0.1:{port}/t\n");
        lock (accepted)
            Assert.NotEmpty(accepted); // upsmon really tried the dead channel
        Assert.InRange(with, 1, 1 + 1 + 1.5);
        Assert.InRange(Math.Abs(with - without), 0, 1.5);
        lock (accepted)
            foreach (var s in accepted) s.Dispose();
    }
}
