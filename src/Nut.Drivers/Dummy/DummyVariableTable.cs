using Nut.Core.State;

namespace Nut.Drivers.Dummy;

/// <summary>
/// dummy-ups' built-in table (spec/dummy-ups.md §4): the flags and string length every variable gets when
/// the data file or a SET gives it a value. Names not in the table become RW STRING with 32 characters.
/// </summary>
public static class DummyVariableTable
{
    public readonly record struct Entry(VariableFlags Flags, int Aux);

    const VariableFlags RwString = VariableFlags.ReadWrite | VariableFlags.String;
    const VariableFlags Rw = VariableFlags.ReadWrite;

    public static readonly Entry Unknown = new(RwString, 32);

    /// <summary>Created at start with these values.</summary>
    public static readonly (string Name, string Value)[] Initial =
    [
        ("ups.mfr", "Dummy Manufacturer"),
        ("ups.model", "Dummy UPS"),
        ("ups.status", "OL"),
    ];

    static readonly Dictionary<string, Entry> s_table = Build();

    public static Entry Lookup(string name) =>
        s_table.TryGetValue(name, out var e) ? e : Unknown;

    static Dictionary<string, Entry> Build()
    {
        var t = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        void Add(Entry e, params string[] names)
        {
            foreach (var n in names)
                t.TryAdd(n, e); // the first entry wins (ups.serial appears twice in NUT's table)
        }
        Add(new(RwString, 32), "ups.mfr", "ups.model", "ups.status", "ups.serial", "ups.alarm");
        Add(new(Rw, 0), "ups.load");
        Add(new(RwString, 16), "ups.time", "ups.date", "ups.mfr.date", "ups.firmware", "ups.firmware.aux", "ups.id",
            "ups.test.result");
        Add(new(Rw, 0), "ups.temperature", "ups.delay.start", "ups.delay.reboot", "ups.delay.shutdown", "ups.test.interval");
        Add(new(Rw, 0), "input.voltage", "input.voltage.maximum", "input.voltage.minimum", "input.voltage.nominal",
            "input.transfer.low", "input.transfer.high", "input.frequency", "input.transfer.boost.low",
            "input.transfer.boost.high", "input.transfer.trim.low", "input.transfer.trim.high");
        Add(new(RwString, 1), "input.transfer.reason", "input.sensitivity");
        Add(new(RwString, 6), "input.quality");
        Add(new(Rw, 0), "output.voltage", "output.frequency", "output.current");
        Add(new(Rw, 0), "battery.charge", "battery.charge.low", "battery.voltage", "battery.current", "battery.runtime",
            "battery.runtime.low", "battery.charge.restart", "battery.temperature", "battery.voltage.nominal");
        Add(new(Rw, 0), "ambient.temperature", "ambient.temperature.alarm", "ambient.temperature.high",
            "ambient.temperature.low", "ambient.humidity", "ambient.humidity.alarm", "ambient.humidity.high",
            "ambient.humidity.low");
        return t;
    }
}
