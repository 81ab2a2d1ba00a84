using System.Runtime.InteropServices;

namespace Nut.Tools.Check;

/// <summary>A file's owner and group, which .NET does not expose. statx is used because its buffer layout is the
/// same on every architecture (struct stat's is not).</summary>
public static partial class FileOwner
{
    const int AtFdCwd = -100;
    const uint StatxUid = 0x8, StatxGid = 0x10;
    const int StatxSize = 256, UidOffset = 20, GidOffset = 24;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [In, Out] byte[] buffer);

    /// <summary>(uid, gid) of the file (symbolic links followed), or null when it cannot be examined.</summary>
    public static (uint Uid, uint Gid)? Of(string path)
    {
        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxUid | StatxGid, buffer) != 0)
                return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null; // a C library without statx: the caller falls back to the mode bits alone
        }
        // statx fills the buffer in the machine's own byte order.
        return (MemoryMarshal.Read<uint>(buffer.AsSpan(UidOffset)), MemoryMarshal.Read<uint>(buffer.AsSpan(GidOffset)));
    }
}
