namespace Nut.Drivers.Usb;

/// <summary>libusb's error codes (negative return values), with libusb's own texts so logs read as NUT's do.</summary>
public static class UsbError
{
    public const int Io = -1, InvalidParam = -2, Access = -3, NoDevice = -4, NotFound = -5, Busy = -6,
        Timeout = -7, Overflow = -8, Pipe = -9, Interrupted = -10, NoMem = -11, NotSupported = -12, Other = -99;

    /// <summary>libusb_strerror's English text, without needing the library (fakes return these codes too).</summary>
    public static string Describe(int code) => code switch
    {
        0 => "Success",
        Io => "Input/Output Error",
        InvalidParam => "Invalid parameter",
        Access => "Access denied (insufficient permissions)",
        NoDevice => "No such device (it may have been disconnected)",
        NotFound => "Entity not found",
        Busy => "Resource busy",
        Timeout => "Operation timed out",
        Overflow => "Overflow",
        Pipe => "Pipe error",
        Interrupted => "System call interrupted (perhaps due to signal)",
        NoMem => "Insufficient memory",
        NotSupported => "Operation not supported or unimplemented on this platform",
        _ => "Other error",
    };
}
