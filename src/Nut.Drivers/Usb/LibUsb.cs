using System.Runtime.InteropServices;

namespace Nut.Drivers.Usb;

/// <summary>
/// The few libusb-1.0 calls the USB drivers need (Debian: package libusb-1.0-0). Bound lazily: nothing is loaded
/// until the first call, so a machine without libusb runs every serial and network program untouched and only a
/// USB driver reports the missing library (see <see cref="LibUsbBus"/>). <c>NUTSHARP_LIBUSB</c> names another
/// library file to load instead (tests use it to play a machine without libusb).
/// </summary>
internal static unsafe partial class LibUsb
{
    const string Library = "libusb-1.0.so.0";

    /// <summary>The environment variable that replaces the library's file name.</summary>
    public const string OverrideVariable = "NUTSHARP_LIBUSB";

    /// <summary>The libusb API this binding was written against (libusb.h's LIBUSB_API_VERSION of 1.0.26).</summary>
    public const int ApiVersion = 0x1000109;

    static LibUsb()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibUsb).Assembly, Resolve);
    }

    static nint Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
            return 0;
        if (Environment.GetEnvironmentVariable(OverrideVariable) is not { Length: > 0 } file)
            return 0; // the runtime's own search for libusb-1.0.so.0
        // A named library that does not load must not fall back to the system's: the caller asked for that one.
        return NativeLibrary.TryLoad(file, assembly, path, out nint handle) ? handle
            : throw new DllNotFoundException($"{file}: cannot be loaded");
    }

    /// <summary>The library named by <see cref="OverrideVariable"/> cannot be loaded: its reason, else null.</summary>
    public static string? OverrideProblem()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is not { Length: > 0 } file)
            return null;
        if (!NativeLibrary.TryLoad(file, out nint handle))
            return $"{file}: cannot be loaded";
        NativeLibrary.Free(handle);
        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct DeviceDescriptor
    {
        public byte bLength, bDescriptorType;
        public ushort bcdUSB;
        public byte bDeviceClass, bDeviceSubClass, bDeviceProtocol, bMaxPacketSize0;
        public ushort idVendor, idProduct, bcdDevice;
        public byte iManufacturer, iProduct, iSerialNumber, bNumConfigurations;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Version
    {
        public ushort major, minor, micro, nano;
        public nint rc, describe;
    }

    [LibraryImport(Library)] public static partial int libusb_init(out nint context);
    [LibraryImport(Library)] public static partial void libusb_exit(nint context);
    [LibraryImport(Library)] public static partial nint libusb_get_device_list(nint context, out nint list);
    [LibraryImport(Library)] public static partial void libusb_free_device_list(nint list, int unrefDevices);
    [LibraryImport(Library)] public static partial int libusb_get_device_descriptor(nint device, out DeviceDescriptor descriptor);
    [LibraryImport(Library)] public static partial byte libusb_get_bus_number(nint device);
    [LibraryImport(Library)] public static partial byte libusb_get_device_address(nint device);
    [LibraryImport(Library)] public static partial int libusb_get_port_numbers(nint device, byte* ports, int length);
    [LibraryImport(Library)] public static partial int libusb_open(nint device, out nint handle);
    [LibraryImport(Library)] public static partial void libusb_close(nint handle);
    [LibraryImport(Library)] public static partial int libusb_kernel_driver_active(nint handle, int iface);
    [LibraryImport(Library)] public static partial int libusb_detach_kernel_driver(nint handle, int iface);
    [LibraryImport(Library)] public static partial int libusb_set_auto_detach_kernel_driver(nint handle, int enable);
    [LibraryImport(Library)] public static partial int libusb_claim_interface(nint handle, int iface);
    [LibraryImport(Library)] public static partial int libusb_release_interface(nint handle, int iface);
    [LibraryImport(Library)] public static partial int libusb_set_interface_alt_setting(nint handle, int iface, int alt);
    [LibraryImport(Library)] public static partial int libusb_control_transfer(nint handle, byte requestType, byte request, ushort value, ushort index, byte* data, ushort length, uint timeout);
    [LibraryImport(Library)] public static partial int libusb_interrupt_transfer(nint handle, byte endpoint, byte* data, int length, out int transferred, uint timeout);
    [LibraryImport(Library)] public static partial int libusb_clear_halt(nint handle, byte endpoint);
    [LibraryImport(Library)] public static partial int libusb_reset_device(nint handle);
    [LibraryImport(Library)] public static partial Version* libusb_get_version();
    [LibraryImport(Library)] public static partial nint libusb_strerror(int code);
}
