using Nut.Core.Programs;

namespace Nut.Web;

/// <summary>The programs this library provides to the multi-call executable.</summary>
public static class Programs
{
    public static IReadOnlyList<NutProgram> All { get; } =
    [
        new NutProgram("upsweb", UpswebProgram.Run, "Web dashboard, JSON API, Prometheus metrics and MQTT for NUT servers"),
    ];
}
