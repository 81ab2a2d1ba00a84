using Nut.Core.State;
using Nut.Core.Text;
using Nut.Server;

namespace Nut.Fuzz.Targets;

/// <summary>
/// upsd reading a driver's socket (spec driver-socket-protocol.md; src/Nut.Server/DriverLink.cs): the bytes a
/// driver sends, tokenized as the link does, each line handled as DriverLink.Handle does (the framing words, then
/// UpsState.ApplyDriverMessage for the state changes), and the snapshot clients read built from the result.
/// A driver is another process, possibly a third-party one: nothing it sends may bring upsd down.
/// Checked too: the state survives its own DUMPALL (what a second upsd would receive from our driver).
/// </summary>
public static class DriverSocketTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        var tracking = new TrackingTable(new FixedClock());
        string knownId = tracking.Add();
        var state = new UpsState();
        var tokenizer = new NutTokenizer();
        foreach (byte b in data)
        {
            var r = tokenizer.Feed(b);
            if (r == TokenizerResult.Line)
                Handle(state, tracking, tokenizer.Words);
            else if (r == TokenizerResult.Error)
                tokenizer.Reset();
        }
        UpsSnapshot.From(state);
        tracking.Status(knownId);

        // Round trip: the dump of this state, read back, gives the same dump. Values and enum values are quoted
        // and escaped, so any of them must survive. Names are written bare, as NUT writes them (SETINFO, ADDCMD,
        // and upsd's VAR/CMD replies alike): a name the driver sent quoted, with a space, quote, backslash, '#'
        // or '=' in it, is kept but cannot be written back as one word. NUT behaves the same; see docs/fuzzing.md.
        if (!state.Variables.All(v => IsBareWord(v.Name)) || !state.Commands.All(IsBareWord))
            return;
        var dump = state.DumpLines().ToList();
        var copy = new UpsState();
        foreach (var line in dump)
            copy.ApplyDriverMessage(NutTokenizer.TokenizeLine(line).Words);
        var again = copy.DumpLines().ToList();
        if (!dump.SequenceEqual(again))
            throw new InvalidOperationException("DUMPALL does not survive a round trip:\n" + string.Join('\n', dump) + "\n---\n" + string.Join('\n', again));
    }

    static bool IsBareWord(string name) => name.Length > 0 && name.AsSpan().IndexOfAny(" \"\\#=") < 0;

    /// <summary>The same dispatch as DriverLink.Handle (which needs a live socket to be constructed).</summary>
    static void Handle(UpsState state, TrackingTable tracking, IReadOnlyList<string> words)
    {
        if (words.Count == 0)
            return;
        switch (words[0].ToUpperInvariant())
        {
            case "DUMPDONE" or "PONG" or "DATAOK" or "DATASTALE":
                break;
            case "TRACKING" when words.Count >= 3:
                tracking.Complete(words[1], CInt.Atoi(words[2]));
                tracking.Status(words[1]);
                break;
            default:
                state.ApplyDriverMessage(words);
                break;
        }
    }
}
