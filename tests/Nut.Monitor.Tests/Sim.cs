using System.Text;
using Nut.Core.Config;
using Nut.Monitor.Simulation;

namespace Nut.Monitor.Tests;

/// <summary>Shorthands for the virtual-time scenarios.</summary>
static class Sim
{
    public const string Ups = "ups@localhost";

    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>An upsmon.conf from lines (MONITOR lines included by the caller).</summary>
    public static UpsmonConf Conf(string text)
    {
        var conf = UpsmonConf.Parse("upsmon.conf", Encoding.ASCII.GetBytes(text.Replace("\r", "")));
        Assert.False(conf.HasErrors, string.Join("\n", conf.Diagnostics));
        return conf;
    }

    /// <summary>One UPS we are primary (or secondary) for, plus the usual commands and the given settings.</summary>
    public static UpsmonConf Single(string settings = "", bool primary = true) => Conf($"""
        MONITOR {Ups} 1 mon pass {(primary ? "primary" : "secondary")}
        SHUTDOWNCMD "/sbin/shutdown -h +0"
        POWERDOWNFLAG /etc/killpower
        NOTIFYCMD /usr/local/bin/notify
        {settings}
        """);

    public static UpsschedConf Sched(string text) =>
        UpsschedConf.Parse("upssched.conf", Encoding.ASCII.GetBytes(text.Replace("\r", "")));

    /// <summary>(type, seconds) of each notification.</summary>
    public static List<(string Type, double At)> Notes(SimulationResult r) =>
        r.OfKind(SimulationEventKind.Notification).Select(e => (e.NotifyType!, e.At.TotalSeconds)).ToList();

    public static List<(string Text, double At)> Of(SimulationResult r, SimulationEventKind kind) =>
        r.OfKind(kind).Select(e => (e.Text, e.At.TotalSeconds)).ToList();
}
