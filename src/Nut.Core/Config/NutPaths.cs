namespace Nut.Core.Config;

/// <summary>
/// Where NUT's files are, as the programs find them: the environment first (NUT_CONFPATH, NUT_STATEPATH,
/// NUT_ALTPIDPATH; NUT_PIDPATH and NUT_DATAPATH as newer NUT honours them), then Debian's compiled-in paths.
/// </summary>
public static class NutPaths
{
    public const string DefaultConfPath = "/etc/nut";
    public const string DefaultStatePath = "/run/nut";
    public const string DefaultDataPath = "/usr/share/nut";
    public const string DefaultPidPath = "/run/nut";
    /// <summary>NUT's default TCP port.</summary>
    public const int DefaultPort = 3493;

    /// <summary>NUT_CONFPATH if set — even if empty, as NUT does — else /etc/nut.</summary>
    public static string ConfPath => Environment.GetEnvironmentVariable("NUT_CONFPATH") ?? DefaultConfPath;

    /// <summary>NUT_STATEPATH if set and non-empty, else /run/nut (driver sockets live here).</summary>
    public static string StatePath => NonEmpty("NUT_STATEPATH") ?? DefaultStatePath;

    /// <summary>Where upsd and drivers write PID files: NUT_ALTPIDPATH, else NUT_STATEPATH, else /run/nut.</summary>
    public static string AltPidPath => NonEmpty("NUT_ALTPIDPATH") ?? NonEmpty("NUT_STATEPATH") ?? DefaultStatePath;

    /// <summary>Where upsmon and upslog write PID files (compile-time in 2.8.0; NUT_PIDPATH since 2.8.1).</summary>
    public static string PidPath => NonEmpty("NUT_PIDPATH") ?? DefaultPidPath;

    /// <summary>Where cmdvartab is read (upsd.conf DATAPATH overrides).</summary>
    public static string DataPath => NonEmpty("NUT_DATAPATH") ?? DefaultDataPath;

    public static string ConfFile(string name) => Path.Combine(ConfPath, name);

    static string? NonEmpty(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
