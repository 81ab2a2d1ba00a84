namespace Nut.Web.Watching;

public sealed record InstantCommand(string Name, string Description);

/// <summary>A writable variable and what upsd says it accepts (GET TYPE, LIST ENUM, LIST RANGE).</summary>
public sealed record WritableVariable(string Name, string Value, string Description, string[] Type, string[] Enum, string[] Ranges);

/// <summary>What changes rarely and is read once per connection: the description, commands and writable
/// variables. Refreshed on every reconnect (a driver restart may bring a different list).</summary>
public sealed record UpsDetails(string Description, IReadOnlyList<InstantCommand> Commands, IReadOnlyList<WritableVariable> Writable)
{
    public static readonly UpsDetails Empty = new("", [], []);
}

/// <summary>A change worth a line in the event log: a status flag came or went, or reachability changed.</summary>
public sealed record UpsEvent(string UpsId, DateTimeOffset Time, string Kind, string Text, Severity Severity);
