using Nut.Drivers.Usb;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// How one family of USB-to-serial bridges carries Megatec commands (NUT's *_command functions of nutdrv_qx):
/// the command goes in (with its CR, as NUT passes it), the answer comes back in <paramref name="buf"/>.
/// Returns the bytes of the answer, 0 for "no answer" (a time-out), or a negative <see cref="UsbError"/> code,
/// which the port turns into recovery (clear a stall, re-open an unplugged device).
/// </summary>
public interface IQxUsbSubdriver
{
    /// <summary>The <c>subdriver=</c> name.</summary>
    string Name { get; }

    int Command(QxUsbLink link, string command, byte[] buf);
}

/// <summary>What a subdriver works with: the opened device, the <c>langid_fix</c> value, its own state.</summary>
public sealed class QxUsbLink(IUsbHandle usb, int langIdFix = -1)
{
    public IUsbHandle Usb { get; set; } = usb;

    /// <summary>The language ID forced with <c>langid_fix</c>, or -1.</summary>
    public int LangIdFix { get; } = langIdFix;

    /// <summary>The hunnox bridge's lock-step position (NUT's hunnox_step).</summary>
    public int HunnoxStep { get; set; }
}
