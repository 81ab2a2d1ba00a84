using Nut.Web.History;
using Nut.Web.Watching;

namespace Nut.Web.Api;

/// <summary>A UPS at a glance: what the dashboard's card and the list API show.</summary>
public sealed record UpsSummary(string Id, string Name, string Server, string Description, string Reachability, string? Problem,
    string Headline, string Severity, string[] Flags, string[] StatusWords, bool OnBattery,
    double? Charge, double? Runtime, double? Load, double? InputVoltage, double? OutputVoltage, double? Temperature,
    string? Model, long Polled, long? LastGood)
{
    public static UpsSummary From(UpsSnapshot s, UpsDetails d)
    {
        string? model = s.Get("device.model") ?? s.Get("ups.model");
        string? mfr = s.Get("device.mfr") ?? s.Get("ups.mfr");
        return new UpsSummary(s.Id, s.Name, s.Server, d.Description, Lower(s.Reachability), s.Problem, s.Headline, Lower(s.Severity),
            s.Flags, [.. UpsStatus.Words(s.Flags)], s.OnBattery,
            s.Number("battery.charge"), s.Number("battery.runtime"), s.Number("ups.load"), s.Number("input.voltage"),
            s.Number("output.voltage"), s.Temperature, mfr is null ? model : model is null ? mfr : mfr + " " + model,
            s.Polled.ToUnixTimeMilliseconds(), s.LastGood?.ToUnixTimeMilliseconds());
    }

    static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

public sealed record VariableValue(string Name, string Value);

/// <summary>The configuration summary of a UPS page: the driver and device as upsd reports them.</summary>
public sealed record UpsConfigSummary(string? Driver, string? DriverVersion, string? Port, string? Manufacturer, string? Model,
    string? Serial, string? Firmware, string? Type, VariableValue[] DriverParameters);

/// <summary>Everything a UPS page shows.</summary>
public sealed record UpsDetail(UpsSummary Summary, VariableValue[] Variables, InstantCommand[] Commands, WritableVariable[] Writable,
    UpsConfigSummary Config)
{
    public static UpsDetail From(UpsSnapshot s, UpsDetails d) => new(
        UpsSummary.From(s, d),
        [.. s.Variables.Select(kv => new VariableValue(kv.Key, kv.Value))],
        [.. d.Commands],
        [.. d.Writable.Select(w => w with { Value = s.Get(w.Name) ?? w.Value })],
        new UpsConfigSummary(s.Get("driver.name"), s.Get("driver.version"), s.Get("driver.parameter.port"),
            s.Get("device.mfr") ?? s.Get("ups.mfr"), s.Get("device.model") ?? s.Get("ups.model"),
            s.Get("device.serial") ?? s.Get("ups.serial"), s.Get("ups.firmware"), s.Get("device.type"),
            [.. s.Variables.Where(kv => kv.Key.StartsWith("driver.parameter.", StringComparison.Ordinal))
                .Select(kv => new VariableValue(kv.Key["driver.parameter.".Length..], kv.Value))]));
}

public sealed record EventEntry(long Time, string Kind, string Text, string Severity)
{
    public static EventEntry From(UpsEvent e) => new(e.Time.ToUnixTimeMilliseconds(), e.Kind, e.Text, e.Severity.ToString().ToLowerInvariant());
}

/// <summary>An event on the live stream names its UPS.</summary>
public sealed record StreamEvent(string Ups, long Time, string Kind, string Text, string Severity);

public sealed record LoginRequest(string? Ups, string? User, string? Password);
public sealed record SessionInfo(string User);
public sealed record CommandRequest(string? Parameter);
public sealed record SetRequest(string? Value);
public sealed record ApiError(string Error, string Message);
public sealed record ServiceInfo(string Version, int Ups, bool History, bool Mqtt, double PollSeconds);
