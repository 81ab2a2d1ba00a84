using System.Net;
using Nut.Testing;

namespace Nut.Web.Tests;

/// <summary>Logins and commands through the API: upsd checks every password and right; the browser only ever
/// holds a session cookie.</summary>
public sealed class CommandTests
{
    [Theory]
    [InlineData(Impl.Ours)]
    [InlineData(Impl.Debian)]
    public void AWrongPasswordIsRefusedAndNoSessionIsMade(Impl upsd)
    {
        using var web = new WebStack(upsd, [new StackUps("bessie", TestDevices.SmartUps)]);
        web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie readable");
        var (status, body) = web.Send(HttpMethod.Post, "/api/login", """{"ups":"bessie","user":"admin","password":"wrong"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("ACCESS-DENIED", body);
        Assert.Equal(HttpStatusCode.Unauthorized, web.Send(HttpMethod.Get, "/api/session").Status);
        // A user without SET rights cannot be confirmed, so is refused too (docs/upsweb.md says why).
        Assert.Equal(HttpStatusCode.Unauthorized, web.Send(HttpMethod.Post, "/api/login", """{"ups":"bessie","user":"mon","password":"monpw"}""").Status);
        // Without a session, commands are refused before upsd is asked.
        var (cmdStatus, cmdBody) = web.Send(HttpMethod.Post, $"/api/ups/bessie/commands/load.off", "{}");
        Assert.Equal(HttpStatusCode.Unauthorized, cmdStatus);
        Assert.Contains("LOGIN-REQUIRED", cmdBody);
        Assert.DoesNotContain("instcmd", web.Nut.DriverOf("bessie").Output);
    }

    [Theory]
    [InlineData(Impl.Ours)]
    [InlineData(Impl.Debian)]
    public void ALoggedInUserRunsACommandAndSetsAVariableThroughUpsd(Impl upsd)
    {
        using var web = new WebStack(upsd, [new StackUps("bessie", TestDevices.SmartUps)]);
        web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie readable");
        var (status, body) = web.Send(HttpMethod.Post, "/api/login", """{"ups":"bessie","user":"admin","password":"mypass"}""");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains("\"user\":\"admin\"", body);
        var session = web.Send(HttpMethod.Get, "/api/session");
        Assert.Equal(HttpStatusCode.OK, session.Status);
        Assert.DoesNotContain("mypass", session.Body);

        // dummy-ups lists load.off and answers it as unknown: the command reached the driver, which said no.
        var (cmdStatus, cmdBody) = web.Send(HttpMethod.Post, "/api/ups/bessie/commands/load.off", "{}");
        web.Nut.DriverOf("bessie").WaitUntil(() => web.Nut.DriverOf("bessie").Output.Contains("instcmd: unknown command [load.off]"), "the driver got load.off", 10);
        Assert.Contains("\"result\":", cmdBody);
        Assert.NotEqual(HttpStatusCode.Unauthorized, cmdStatus);
        // A command the UPS does not have is upsd's refusal, shown as such.
        var unknown = web.Send(HttpMethod.Post, "/api/ups/bessie/commands/beeper.on", "{}");
        Assert.Equal(HttpStatusCode.Conflict, unknown.Status);
        Assert.Contains("CMD-NOT-SUPPORTED", unknown.Body);

        var (setStatus, setBody) = web.Send(HttpMethod.Put, "/api/ups/bessie/variables/ups.delay.shutdown", """{"value":"45"}""");
        Assert.True(setStatus == HttpStatusCode.OK, setBody);
        Assert.Equal("VAR bessie ups.delay.shutdown \"45\"", TestDevices.Get(web.Nut, "bessie", "ups.delay.shutdown"));

        Assert.Equal(HttpStatusCode.NoContent, web.Send(HttpMethod.Post, "/api/logout").Status);
        Assert.Equal(HttpStatusCode.Unauthorized, web.Send(HttpMethod.Put, "/api/ups/bessie/variables/ups.delay.shutdown", """{"value":"50"}""").Status);
    }
}
