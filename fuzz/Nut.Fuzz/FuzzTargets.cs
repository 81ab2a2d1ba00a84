using Nut.Fuzz.Targets;

namespace Nut.Fuzz;

/// <summary>One harness: feeds untrusted bytes to a parser. It returns normally for any input the parser
/// handles, including inputs the parser rejects in its documented way (an error result, a diagnostic, the
/// error type of its contract); any other exception escapes and is a crash.</summary>
public delegate void FuzzEntry(ReadOnlySpan<byte> data);

/// <summary>Every harness by the name fuzz/run.sh, the corpus folders and the replay test use.</summary>
public static class FuzzTargets
{
    public static IReadOnlyDictionary<string, FuzzEntry> All { get; } = new SortedDictionary<string, FuzzEntry>(StringComparer.Ordinal)
    {
        ["tokenizer"] = TokenizerTarget.Run,
        ["upsd-request"] = UpsdRequestTarget.Run,
        ["client-reply"] = ClientReplyTarget.Run,
        ["driver-socket"] = DriverSocketTarget.Run,
        ["ups-conf"] = ConfigTargets.UpsConf,
        ["upsd-conf"] = ConfigTargets.UpsdConf,
        ["upsd-users"] = ConfigTargets.UpsdUsers,
        ["upsmon-conf"] = ConfigTargets.UpsmonConf,
        ["upssched-conf"] = ConfigTargets.UpsschedConf,
        ["nut-conf"] = ConfigTargets.NutConf,
        ["qx-reply"] = QxReplyTarget.Run,
        ["dummy-datafile"] = DummyDataFileTarget.Run,
        ["apcsmart-reply"] = ApcSmartReplyTarget.Run,
        ["hid-descriptor"] = HidDescriptorTarget.Run,
    };
}
