using System.Runtime.InteropServices;
using System.Text;
using Nut.Platform;

namespace Nut.Drivers.Usb;

/// <summary>
/// The real USB bus through libusb-1.0 (NUT's libusb1.c, the parts the Q* drivers use): every device is opened in
/// turn, its identity read (string descriptors in ASCII, bus and address as three digits), offered to the matcher,
/// and the first match gets interface 0 claimed (the kernel driver detached, a few tries) and optionally its
/// alternate setting forced.
/// </summary>
public sealed unsafe class LibUsbBus : IUsbBus
{
    /// <summary>How often reading a string descriptor or claiming is tried (NUT's MAX_RETRY).</summary>
    const int MaxRetry = 3;

    /// <summary>Interface the Q* bridges use.</summary>
    const int Interface = 0;

    readonly int? _altSetting;
    nint _context;

    /// <param name="altSetting">usb_set_altinterface: set this alternate setting after claiming.</param>
    public LibUsbBus(int? altSetting = null) => _altSetting = altSetting;

    /// <summary>Explains what is missing when the library cannot be loaded.</summary>
    static UsbUnavailableException Missing(Exception e) => new(
        "USB support needs libusb-1.0, which could not be loaded (" + e.Message.Split('\n')[0].Trim()
        + "). On Debian or Ubuntu: apt-get install libusb-1.0-0");

    public string Version
    {
        get
        {
            if (LibUsb.OverrideProblem() is { } problem)
                throw Missing(new DllNotFoundException(problem));
            try
            {
                var v = LibUsb.libusb_get_version();
                return $"libusb-{v->major}.{v->minor}.{v->micro} (API: 0x{LibUsb.ApiVersion:x})";
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                throw Missing(e);
            }
        }
    }

    /// <summary>Loads libusb and creates this bus's context (once).</summary>
    void Init()
    {
        if (_context != 0)
            return;
        if (LibUsb.OverrideProblem() is { } problem)
            throw Missing(new DllNotFoundException(problem));
        int ret;
        try
        {
            ret = LibUsb.libusb_init(out _context);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw Missing(e);
        }
        if (ret < 0)
            throw new UsbUnavailableException($"Failed to init libusb 1.0: {UsbError.Describe(ret)}");
    }

    public IUsbHandle? Open(Func<UsbDeviceInfo, bool> match, out UsbDeviceInfo? device)
    {
        Init();
        device = null;
        nint count = LibUsb.libusb_get_device_list(_context, out nint list);
        if (count <= 0)
        {
            NutLog.Debug(2, "libusb1: No appropriate HID device found");
            if (count == 0)
                NutLog.Info("libusb1: Could not open any HID devices: no USB buses found");
            return null;
        }
        try
        {
            var devices = (nint*)list;
            for (nint i = 0; i < count; i++)
            {
                nint dev = devices[i];
                if (LibUsb.libusb_get_device_descriptor(dev, out var desc) < 0)
                    continue;
                NutLog.Debug(2, $"Checking device {i + 1} of {count} ({desc.idVendor:X4}/{desc.idProduct:X4})");
                int ret = LibUsb.libusb_open(dev, out nint handle);
                if (ret != 0)
                {
                    NutLog.Debug(1, $"Failed to open device ({desc.idVendor:X4}/{desc.idProduct:X4}), skipping: {UsbError.Describe(ret)}");
                    continue;
                }
                var info = Identify(dev, handle, desc);
                NutLog.Debug(2, $"- {info}");
                if (!match(info))
                {
                    NutLog.Debug(2, "Device does not match - skipping");
                    LibUsb.libusb_close(handle);
                    continue;
                }
                NutLog.Debug(2, "Device matches");
                Claim(handle, info);
                device = info;
                return new LibUsbHandle(handle);
            }
            return null;
        }
        finally
        {
            LibUsb.libusb_free_device_list(list, 1);
        }
    }

    static UsbDeviceInfo Identify(nint dev, nint handle, LibUsb.DeviceDescriptor desc)
    {
        byte* ports = stackalloc byte[8];
        int n = LibUsb.libusb_get_port_numbers(dev, ports, 8);
        string? busPort = n > 0 ? string.Join('.', Enumerable.Range(0, n).Select(k => ports[k].ToString(System.Globalization.CultureInfo.InvariantCulture))) : null;
        using var h = new LibUsbHandle(handle, owns: false);
        return new UsbDeviceInfo(desc.idVendor, desc.idProduct,
            ReadString(h, desc.iManufacturer), ReadString(h, desc.iProduct), ReadString(h, desc.iSerialNumber),
            LibUsb.libusb_get_bus_number(dev).ToString("000", System.Globalization.CultureInfo.InvariantCulture),
            LibUsb.libusb_get_device_address(dev).ToString("000", System.Globalization.CultureInfo.InvariantCulture),
            busPort, desc.bcdDevice);
    }

    static string? ReadString(IUsbHandle h, byte index)
    {
        if (index == 0)
            return null;
        var buf = new byte[256];
        for (int t = 0; t < MaxRetry; t++)
        {
            int r = UsbStrings.GetAscii(h, index, buf);
            if (r > 0)
                return Encoding.Latin1.GetString(buf, 0, r);
        }
        return null;
    }

    void Claim(nint handle, UsbDeviceInfo info)
    {
        if (LibUsb.libusb_kernel_driver_active(handle, Interface) == 1)
            LibUsb.libusb_set_auto_detach_kernel_driver(handle, 1);
        int ret;
        int retries = MaxRetry;
        while ((ret = LibUsb.libusb_claim_interface(handle, Interface)) != 0)
        {
            NutLog.Debug(2, $"failed to claim USB device: {UsbError.Describe(ret)}");
            int d = LibUsb.libusb_detach_kernel_driver(handle, Interface);
            if (d == UsbError.NotFound)
                NutLog.Debug(2, "Kernel driver already detached");
            else if (d != 0)
                NutLog.Debug(1, $"failed to detach kernel driver from USB device: {UsbError.Describe(d)}");
            if (retries-- > 0)
                continue;
            LibUsb.libusb_close(handle);
            throw new UsbClaimException($"Can't claim USB device [{info.VendorId:x4}:{info.ProductId:x4}]@0/0: {UsbError.Describe(ret)}");
        }
        NutLog.Debug(2, $"Claimed interface {Interface} successfully");
        if (_altSetting is { } alt)
        {
            int r = LibUsb.libusb_set_interface_alt_setting(handle, Interface, alt);
            if (r != 0)
                NutLog.Warning($"nut_usb_set_altinterface: libusb_set_interface_alt_setting(udev, {Interface}, {alt}) returned {r} ({UsbError.Describe(r)})");
        }
    }

    /// <summary>One opened device.</summary>
    sealed class LibUsbHandle(nint handle, bool owns = true) : IUsbHandle
    {
        nint _handle = handle;

        public int ControlTransfer(byte requestType, byte request, ushort value, ushort index, Span<byte> data, int timeoutMs)
        {
            fixed (byte* p = data)
                return LibUsb.libusb_control_transfer(_handle, requestType, request, value, index, p, (ushort)data.Length, (uint)timeoutMs);
        }

        public int InterruptTransfer(byte endpoint, Span<byte> data, int timeoutMs)
        {
            int ret;
            int transferred;
            fixed (byte* p = data)
                ret = LibUsb.libusb_interrupt_transfer(_handle, endpoint, p, data.Length, out transferred, (uint)timeoutMs);
            // libusb-0.1's convention, which NUT's code keeps: the size on success, else the error.
            return ret == 0 ? transferred : ret;
        }

        public int ClearHalt(byte endpoint) => LibUsb.libusb_clear_halt(_handle, endpoint);

        public int Reset() => LibUsb.libusb_reset_device(_handle);

        public void Dispose()
        {
            if (_handle == 0 || !owns)
                return;
            LibUsb.libusb_release_interface(_handle, Interface);
            LibUsb.libusb_close(_handle);
            _handle = 0;
        }
    }
}
