namespace Nut.Tools.Check;

/// <summary>One kind of mistake nut-check looks for; it reports what it finds on the context.</summary>
public interface IConfigCheck
{
    void Run(CheckContext context);
}

/// <summary>Every check, in the order their findings are most useful to read (files first, then how they fit).</summary>
public static class ConfigChecks
{
    public static IReadOnlyList<IConfigCheck> All { get; } =
    [
        new ModeCheck(),
        new UpsConfCheck(),
        new MonitorCheck(),
        new CommandsCheck(),
        new RunAsUserCheck(),
        new UpsschedCheck(),
        new ShutdownRuleCheck(),
        new PermissionsCheck(),
        new ListenPortsCheck(),
    ];
}
