using System.Text;
using Nut.Drivers.Tests.Serial;
using Nut.Drivers.Usb;

namespace Nut.Drivers.Tests.Usb;

/// <summary>How a fake bridge carries Megatec text (one per NUT subdriver encoding).</summary>
public enum FakeBridge { Cypress, Phoenix, Ippon, Sgs, Krauler, Snr, Fabula, Hunnox, Fuji, Armac, Phoenixtec, Ablerex }

/// <summary>
/// The device side of a Q* USB-to-serial bridge in front of a <see cref="MegatecSimulator"/>: it decodes what the
/// host sends in the bridge's own encoding (HID SET_REPORTs, interrupt writes, string-descriptor indexes), lets
/// the simulator answer, and hands the answer back the way that bridge does. Every transfer is logged in
/// <see cref="Wire"/> as hex, host's view, so tests can check the exact bytes.
/// </summary>
public sealed class FakeQxUsbDevice : IUsbHandle
{
    readonly FakeBridge _bridge;
    readonly List<byte> _command = [];
    readonly Queue<byte> _pending = new();
    readonly List<string> _wire = [];

    public FakeQxUsbDevice(FakeBridge bridge, MegatecSimulator ups)
    {
        _bridge = bridge;
        Ups = ups;
    }

    public MegatecSimulator Ups { get; }

    /// <summary>Pulled out: every transfer fails with LIBUSB_ERROR_NO_DEVICE.</summary>
    public bool Unplugged { get; set; }

    /// <summary>The language descriptor 0 announces.</summary>
    public ushort FirstLangId { get; set; } = 0x0409;

    /// <summary>A string request in any other language is stalled (the krauler quirk langid_fix works around).</summary>
    public ushort? OnlyLangId { get; set; }

    /// <summary>Answer "UPS No Ack" this many times before the real answer (krauler, snr; ablerex: an empty report).</summary>
    public int NoAcks { get; set; }

    /// <summary>Bytes a converter still holds from before (phoenix flushes them).</summary>
    public void Preload(string junk)
    {
        foreach (byte b in Encoding.Latin1.GetBytes(junk))
            _pending.Enqueue(b);
    }

    public IReadOnlyList<string> Wire
    {
        get { lock (_wire) return _wire.ToList(); }
    }

    public void ClearWire()
    {
        lock (_wire) _wire.Clear();
    }

    public bool Disposed { get; private set; }

    void Log(string what, ReadOnlySpan<byte> data)
    {
        lock (_wire) _wire.Add(data.Length == 0 ? what : what + ": " + Convert.ToHexString(data).ToLowerInvariant());
    }

    public int ControlTransfer(byte requestType, byte request, ushort value, ushort index, Span<byte> data, int timeoutMs)
    {
        if (Unplugged)
            return UsbError.NoDevice;
        if (requestType == 0x80 && request == 0x06 && value >> 8 == 0x03)
        {
            Log($"get-string {value & 0xff:x2} lang {index:x4} len {data.Length}", default);
            return StringDescriptor((byte)(value & 0xff), index, data);
        }
        if (_bridge == FakeBridge.Phoenixtec)
            return PhoenixtecVendorOut(requestType, request, value, index, data);
        if (_bridge == FakeBridge.Ablerex && requestType == 0xa1)
            return AblerexGetReport(request, value, index, data);
        if (requestType != 0x21 || request != 0x09)
            return UsbError.Pipe;
        Log($"set-report {value:x4} {index:x4}", data);
        bool expected = _bridge switch
        {
            FakeBridge.Ippon => value == 0x0002 && data.Length == 8,
            FakeBridge.Armac => value == 0x0200 && data.Length == 4,
            FakeBridge.Ablerex => value == 0x0305 && data.Length == 47 && data[0] == 0x05 && data[1] == 0 && data[2] is > 0 and <= 44,
            FakeBridge.Cypress or FakeBridge.Phoenix or FakeBridge.Sgs => value == 0x0200 && data.Length == 8,
            _ => false,
        };
        if (!expected)
            return UsbError.Pipe;
        ReadOnlySpan<byte> payload = _bridge switch
        {
            FakeBridge.Sgs => data.Slice(1, Math.Min((int)data[0], 7)),
            FakeBridge.Armac => data.Slice(1, Math.Min(data[0] - 0xa0, 3)),
            FakeBridge.Ablerex => data.Slice(3, data[2]),
            _ => data,
        };
        if (_bridge == FakeBridge.Ablerex)
            _pending.Clear(); // its input report holds the answer to the latest command only
        Feed(payload);
        return data.Length;
    }

    /// <summary>Collects command bytes up to each CR and lets the simulator answer the command.</summary>
    void Feed(ReadOnlySpan<byte> payload)
    {
        foreach (byte b in payload)
        {
            if (b == 0)
                break;
            if (b == '\r')
            {
                Answer(Encoding.Latin1.GetString(_command.ToArray()));
                _command.Clear();
                continue;
            }
            _command.Add(b);
        }
    }

    /// <summary>phoenixtec: the whole command in one vendor request 0x0d to the endpoint recipient.</summary>
    int PhoenixtecVendorOut(byte requestType, byte request, ushort value, ushort index, Span<byte> data)
    {
        Log($"vendor-out {request:x2} {value:x4} {index:x4}", data);
        if (requestType != 0x42 || request != 0x0d || value != 0 || index != 0)
            return UsbError.Pipe;
        Feed(data);
        return data.Length;
    }

    /// <summary>ablerex: input report 5 carries the answer text from its first byte, zero-padded to 47 bytes.</summary>
    int AblerexGetReport(byte request, ushort value, ushort index, Span<byte> data)
    {
        if (request != 0x01 || value != 0x0305 || data.Length != 47)
            return UsbError.Pipe;
        data.Clear();
        if (NoAcks > 0)
            NoAcks--; // not ready yet: an empty report
        else
            for (int i = 0; i < data.Length && _pending.Count > 0; i++)
                data[i] = _pending.Dequeue();
        Log($"get-report {value:x4} {index:x4}", data);
        return data.Length;
    }

    /// <summary>Queues the simulator's answer to one command, as the bridge will hand it out.</summary>
    void Answer(string command)
    {
        string? reply = Ups.Handle(command);
        if (reply is null)
        {
            if (_bridge == FakeBridge.Ippon)
                Enqueue("\0\r");
            return;
        }
        Enqueue(reply + "\r");
    }

    void Enqueue(string s)
    {
        foreach (byte b in Encoding.Latin1.GetBytes(s))
            _pending.Enqueue(b);
    }

    public int InterruptTransfer(byte endpoint, Span<byte> data, int timeoutMs)
    {
        if (Unplugged)
            return UsbError.NoDevice;
        if (endpoint == 0x02 && _bridge == FakeBridge.Fuji)
        {
            Log("interrupt-out 02", data);
            if (data.Length != 8 || data[0] != 0x80 || data[1] != 0x06 || data[3] != 0x03)
                return UsbError.Pipe;
            string command = Encoding.Latin1.GetString(data.Slice(4, data[2] - 1));
            string? reply = Ups.Handle(command);
            if (reply is not null)
            {
                Enqueue(reply + "\r");
                while (_pending.Count % 8 != 0)
                    _pending.Enqueue(0);
            }
            return 8;
        }
        if (endpoint != 0x81)
            return UsbError.Pipe;
        int n;
        switch (_bridge)
        {
            case FakeBridge.Sgs:
                if (_pending.Count == 0)
                    return Timeout("interrupt-in 81");
                data.Clear();
                n = Math.Min(_pending.Count, 7);
                data[0] = (byte)n;
                for (int i = 0; i < n; i++)
                    data[1 + i] = _pending.Dequeue();
                n = 8;
                break;
            case FakeBridge.Armac:
                data.Clear();
                n = Math.Min(_pending.Count, 5);
                data[0] = (byte)(0xa0 + n);
                for (int i = 0; i < n; i++)
                    data[1 + i] = _pending.Dequeue();
                n = 6;
                break;
            case FakeBridge.Ippon:
                if (_pending.Count == 0)
                    return Timeout("interrupt-in 81");
                data.Clear();
                for (int i = 0; i < data.Length && _pending.Count > 0; i++)
                    data[i] = _pending.Dequeue();
                n = data.Length;
                break;
            default:
                if (_pending.Count == 0)
                    return Timeout("interrupt-in 81");
                data.Clear();
                n = Math.Min(data.Length, 8);
                for (int i = 0; i < n && _pending.Count > 0; i++)
                    data[i] = _pending.Dequeue();
                break;
        }
        Log("interrupt-in 81", data[..n]);
        return n;
    }

    int Timeout(string what)
    {
        Log(what + " timeout", default);
        return UsbError.Timeout;
    }

    /// <summary>String descriptors: 0 lists the language, others carry the Megatec answer for the bridge's index.</summary>
    int StringDescriptor(byte index, ushort langId, Span<byte> data)
    {
        if (index == 0)
            return Descriptor([(byte)FirstLangId, (byte)(FirstLangId >> 8)], data);
        if (OnlyLangId is { } only && langId != only)
            return UsbError.Pipe;
        string? text = _bridge switch
        {
            FakeBridge.Krauler or FakeBridge.Snr => KraulerAnswer(index),
            FakeBridge.Fabula or FakeBridge.Hunnox => FabulaAnswer(index),
            _ => null,
        };
        if (text is null)
            return UsbError.Pipe;
        return Descriptor(Encoding.Unicode.GetBytes(text), data);
    }

    static int Descriptor(byte[] body, Span<byte> data)
    {
        var d = new byte[2 + body.Length];
        d[0] = (byte)d.Length;
        d[1] = 0x03;
        body.CopyTo(d, 2);
        int n = Math.Min(d.Length, data.Length);
        d.AsSpan(0, n).CopyTo(data);
        return n;
    }

    /// <summary>Krauler: the answer without its CR and with a junk first character (the host puts the right one back).</summary>
    string? KraulerAnswer(byte index)
    {
        string? command = index switch
        {
            0x03 => "Q1", 0x0d => "F", 0x0c => "I", 0x04 => "T", 0x05 => "TL", 0x07 => "Q", 0x0b => "C", _ => null,
        };
        if (command is null)
            return null;
        if (NoAcks > 0)
        {
            NoAcks--;
            return "UPS No Ack";
        }
        string? reply = Ups.Handle(command);
        // snr bridges send the CR themselves (NUT's snr code adds none); krauler's leave it to the host.
        string end = _bridge == FakeBridge.Snr ? "\r" : "";
        return reply is null ? "x" + end : "x" + reply[1..] + end;
    }

    /// <summary>Fabula: queries answered, commands (and shutdowns, decoded from the index) taken with "UPS No Ack".</summary>
    string? FabulaAnswer(byte index)
    {
        switch (index)
        {
            case 0x01: return "MEC0003";
            case 0x03: return WithCr(Ups.Handle("Q1"));
            case 0x0d: return WithCr(Ups.Handle("F"));
            case 0x0c: return WithCr(Ups.Handle("I"));
            case 0x07: Ups.Handle("Q"); return "UPS No Ack";
            case 0x0a: Ups.Handle("C"); return "UPS No Ack";
        }
        if (index >= 0x10 && (index & 0x07) == 0)
        {
            int step = index >> 4;
            string delay = step <= 5 ? "." + (step + 4) : (step - 5).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            Ups.Handle((index & 0x08) != 0 ? $"S{delay}R0001" : $"S{delay}R0000");
            return "UPS No Ack";
        }
        return null;
    }

    /// <summary>hunnox bridges end answers with a CR (NUT's hunnox code adds none); fabula's leave it to the host.</summary>
    string? WithCr(string? s) => s is null ? null : _bridge == FakeBridge.Hunnox ? s + "\r" : s;

    /// <summary>No sleeping here: the wait is logged, so tests see it on the wire and take no time.</summary>
    public void Wait(TimeSpan time) => Log($"wait {time.TotalMilliseconds} ms", default);

    public int ClearHalt(byte endpoint) => Unplugged ? UsbError.NoDevice : 0;

    public int Reset() => Unplugged ? UsbError.NoDevice : 0;

    public void Dispose() => Disposed = true;
}
