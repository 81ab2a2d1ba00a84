using System.Text;
using Nut.Core.Config;

namespace Nut.Fuzz.Targets;

/// <summary>
/// One harness per configuration model (src/Nut.Core/Config). A file an administrator or a package wrote is
/// not attacker input in the usual sense, but nut-check, the web UI and every daemon read them, and a typo
/// must give a diagnostic, never a crash. Each harness also reads the derived values, because some are
/// computed on demand from the raw text (CInt.Atoi, sleep durations, notify flags).
/// </summary>
public static class ConfigTargets
{
    static readonly string[] NotifyTypeNames = ["ONLINE", "ONBATT", "LOWBATT", "FSD", "COMMOK", "COMMBAD", "SHUTDOWN", "REPLBATT", "NOCOMM", "NOPARENT", "CAL", "OFF", "OVER"];

    public static void UpsConf(ReadOnlySpan<byte> data)
    {
        var conf = Nut.Core.Config.UpsConf.Parse("ups.conf", data);
        Touch(conf.Diagnostics);
        _ = (conf.DriverPath, conf.MaxStartDelay, conf.MaxRetry, conf.RetryDelay, conf.NoWait);
        foreach (var section in conf.Sections)
        {
            _ = (section.Driver, section.Port, section.Desc, section.SdOrder, section.MaxStartDelay, section.IsComplete);
            conf.Find(section.Name, ignoreCase: true);
        }
    }

    public static void UpsdConf(ReadOnlySpan<byte> data)
    {
        var conf = Nut.Core.Config.UpsdConf.Parse("upsd.conf", data);
        Touch(conf.Diagnostics);
        _ = (conf.Listen.Count, conf.MaxAge, conf.TrackingDelay, conf.MaxConn, conf.CertIdent, conf.CertRequest);
    }

    public static void UpsdUsers(ReadOnlySpan<byte> data)
    {
        var users = Nut.Core.Config.UpsdUsers.Parse("upsd.users", data);
        Touch(users.Diagnostics);
        foreach (var user in users.Users)
        {
            _ = (user.Password, user.Actions.Count, user.InstCmds.Count, user.HasAction("SET"), user.MayRun("load.off"));
            users.Find(user.Name);
        }
    }

    public static void UpsmonConf(ReadOnlySpan<byte> data)
    {
        var conf = Nut.Core.Config.UpsmonConf.Parse("upsmon.conf", data);
        Touch(conf.Diagnostics);
        _ = (conf.HasErrors, conf.Fatal, conf.Monitors.Count, conf.MinSupplies, conf.PollFreq, conf.DeadTime);
        foreach (string type in NotifyTypeNames)
        {
            _ = (conf.Message(type), conf.Flags(type), conf.LineOf(type));
            conf.ChannelsFor(type).Count();
        }
        // A reload reads the file again with the previous configuration at hand (SIGHUP).
        Nut.Core.Config.UpsmonConf.Parse("upsmon.conf", data, conf);
    }

    public static void UpsschedConf(ReadOnlySpan<byte> data)
    {
        var conf = Nut.Core.Config.UpsschedConf.Parse("upssched.conf", data);
        Touch(conf.Diagnostics);
        _ = (conf.HasErrors, conf.Fatal, conf.CmdScript, conf.PipeFn, conf.LockFn);
        foreach (var rule in conf.Rules)
            rule.Matches("ONBATT", "ups@localhost");
    }

    public static void NutConf(ReadOnlySpan<byte> data)
    {
        // nut.conf is a shell file; Load reads it as UTF-8, so the harness does too.
        var conf = Nut.Core.Config.NutConf.Parse("nut.conf", Encoding.UTF8.GetString(data));
        Touch(conf.Diagnostics);
        _ = (conf.Mode, conf.UpsdOptions, conf.UpsmonOptions, conf.PowerOffWaitDuration, conf.RunsUpsd, conf.RunsUpsmon);
    }

    static void Touch(IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
            _ = d.ToString();
    }
}
