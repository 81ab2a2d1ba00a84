namespace Nut.Drivers.Host;

/// <summary>A driver's name and versions, as its banner prints them.</summary>
/// <param name="ProgramName">The NUT program name (socket and PID file names derive from it).</param>
/// <param name="LongName">e.g. "Device simulation and repeater driver".</param>
/// <param name="Version">The driver's own version (driver.version.internal).</param>
public sealed record DriverInfo(string ProgramName, string LongName, string Version);

/// <summary>One entry of a driver's table of <c>-x</c> / ups.conf settings.</summary>
/// <param name="Hidden">Accepted but left out of -h and -L: our extensions on drivers whose help must stay NUT's byte for byte.</param>
public sealed record DriverSetting(string Name, string Description, bool IsFlag, bool Sensitive = false, bool Hidden = false);

/// <summary>Result codes a driver returns for INSTCMD and SET (drivers/upshandler.h); they travel in TRACKING replies.</summary>
public static class HandlerStatus
{
    public const int Handled = 0, Unknown = 1, Invalid = 2, Failed = 3, ConversionFailed = 4;
}

/// <summary>A driver failed in a way NUT treats as fatal: the message is printed and the driver exits.</summary>
public sealed class DriverFatalException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// What every driver implements on top of the host (NUT's upsdrv_* functions). The host calls these from one
/// thread at a time, so a driver needs no locking of its own.
/// </summary>
public interface IUpsDriver
{
    DriverInfo Info { get; }

    /// <summary>The settings this driver accepts besides the core's (upsdrv_makevartable).</summary>
    IReadOnlyList<DriverSetting> Settings { get; }

    /// <summary>Printed at the end of <c>-h</c> (NUT's upsdrv_help), e.g. genericups' list of UPS types.</summary>
    string? HelpAppendix => null;

    /// <summary>A second banner line naming a sub-driver or table and its version (e.g. "APC command table version 3.1").</summary>
    string? SubDriverBanner => null;

    /// <summary>Waited before each update without holding the host's lock (dummy-ups sleeps a second).</summary>
    TimeSpan UpdateDelay => TimeSpan.Zero;

    /// <summary>
    /// True when the settings ask for a one-shot run that must stay in the foreground, whatever -D/-F say
    /// (usbhid-ups' <c>record</c>: it writes files and exits, and its message belongs on the user's terminal).
    /// </summary>
    bool RunsOnce(IReadOnlyDictionary<string, string> values) => false;

    /// <summary>Open the device (upsdrv_initups). Throw <see cref="DriverFatalException"/> when it cannot be used.</summary>
    void InitUps(DriverHostContext host);

    /// <summary>Publish the initial variables and commands (upsdrv_initinfo).</summary>
    void InitInfo(DriverHostContext host);

    /// <summary>Poll the device and publish what changed (upsdrv_updateinfo).</summary>
    void UpdateInfo(DriverHostContext host);

    /// <summary>Tell the UPS to cut the load (-k). Returns the exit status.</summary>
    int Shutdown(DriverHostContext host);

    /// <summary>Run an instant command; returns a <see cref="HandlerStatus"/> code.</summary>
    int InstCmd(DriverHostContext host, string command, string? parameter);

    /// <summary>Write a variable; returns a <see cref="HandlerStatus"/> code.</summary>
    int SetVar(DriverHostContext host, string name, string value);

    /// <summary>Release the device (upsdrv_cleanup).</summary>
    void Cleanup(DriverHostContext host) { }
}
