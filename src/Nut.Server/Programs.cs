using Nut.Core.Programs;

namespace Nut.Server;

/// <summary>The programs this library provides to the multi-call executable.</summary>
public static class Programs
{
    public static IReadOnlyList<NutProgram> All { get; } =
    [
        new NutProgram("upsd", UpsdProgram.Run, "UPS network server"),
    ];
}
