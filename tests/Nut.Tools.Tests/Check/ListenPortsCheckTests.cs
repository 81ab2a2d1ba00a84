using System.Net;
using System.Net.Sockets;
using Nut.Tools.Check;

namespace Nut.Tools.Tests.Check;

/// <summary>upsd's LISTEN ports: free, held by someone else (an error), or held by this configuration's upsd.</summary>
public class ListenPortsCheckTests
{
    [Fact]
    public void APortHeldByAnotherProcessIsAnError()
    {
        using var d = new CheckDir();
        using var holder = new TcpListener(IPAddress.Loopback, d.Port);
        holder.Start();
        d.Write("upsd.conf", $"MAXAGE 15\nLISTEN 127.0.0.1 {d.Port}\n", "640");
        Assert.Equal([$"{d["upsd.conf"]}:2: error: LISTEN 127.0.0.1 {d.Port}: the port is in use by another process, so upsd cannot listen there; stop that process (ss -ltnp shows it) or choose another port"], d.Check());
    }

    [Fact]
    public void APortHeldByTheRunningUpsdIsOnlyNoted()
    {
        using var d = new CheckDir();
        using var holder = new TcpListener(IPAddress.Loopback, d.Port);
        holder.Start();
        // This test process plays the running upsd: its PID file names us, and we hold the socket.
        d.Write("upsd.pid", $"{Environment.ProcessId}\n");
        var context = CheckContext.Load(d.FullPath);
        context.PidDirs.Clear();
        context.PidDirs.Add(d.FullPath);
        var found = NutCheckProgram.Check(context).Select(NutCheckProgram.Format).ToList();
        Assert.Equal([$"{d["upsd.conf"]}:1: warning: LISTEN 127.0.0.1 {d.Port}: in use by the running upsd (pid {Environment.ProcessId}) of this configuration; nothing to do (a second upsd could not start)"], found);
    }

    [Fact]
    public void AnAddressNotOnThisMachineIsAnError()
    {
        using var d = new CheckDir();
        d.Write("upsd.conf", $"LISTEN 192.0.2.1 {d.Port}\n", "640");
        CheckAssert.One(d.Check(), $"{d["upsd.conf"]}:1: error: LISTEN 192.0.2.1 {d.Port}: 192.0.2.1 is not an address of this machine (");
    }

    [Fact]
    public void NetclientStartsNoUpsdSoItsPortsAreNotChecked()
    {
        using var d = new CheckDir();
        using var holder = new TcpListener(IPAddress.Loopback, d.Port);
        holder.Start();
        d.Write("nut.conf", "MODE=netclient\n");
        // Only the MONITOR line on this machine is worth a word: there will be no upsd to answer it.
        Assert.Equal([$"{d["upsmon.conf"]}:2: warning: MONITOR sim@localhost names this machine, but MODE=netclient starts no upsd here: give the server's host name, or set MODE=standalone or netserver"], d.Check());
    }
}
