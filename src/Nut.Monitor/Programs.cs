using Nut.Core.Programs;

namespace Nut.Monitor;

/// <summary>The programs this library provides to the multi-call executable.</summary>
public static class Programs
{
    public static IReadOnlyList<NutProgram> All { get; } =
    [
    ];
}
