using System.Runtime.InteropServices;

namespace Nut.Drivers.UsbHid.Transport;

/// <summary>realpath(3): sysfs is made of relative symbolic links that only resolve from the real directory.</summary>
static unsafe partial class RealPath
{
    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint p);

    /// <summary>The canonical path, or null when it does not exist.</summary>
    public static string? Of(string path)
    {
        nint p = RealPathNative(path, 0);
        if (p == 0)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(p);
        }
        finally
        {
            Free(p);
        }
    }
}
