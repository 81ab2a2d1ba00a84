using Nut.Core.Programs;

namespace Nut.Monitor;

/// <summary>The programs this library provides to the multi-call executable.</summary>
public static class Programs
{
    public static IReadOnlyList<NutProgram> All { get; } =
    [
        new("upsmon", Upsmon.UpsmonProgram.Run, "UPS monitor and shutdown controller"),
        new("upssched", Upssched.UpsschedProgram.Run, "Timer helper for scheduling events from upsmon"),
    ];
}
