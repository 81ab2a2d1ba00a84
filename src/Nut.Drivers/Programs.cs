using Nut.Core.Programs;

namespace Nut.Drivers;

/// <summary>The programs this library provides to the multi-call executable.</summary>
public static class Programs
{
    public static IReadOnlyList<NutProgram> All { get; } =
    [
    ];
}
