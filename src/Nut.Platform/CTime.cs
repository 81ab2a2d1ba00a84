using System.Runtime.InteropServices;
using System.Text;

namespace Nut.Platform;

/// <summary>C's local time formatting (strftime over localtime_r), so %TIME escapes print exactly as NUT's.</summary>
public static unsafe partial class CTime
{
    // struct tm from <time.h> (glibc, 64-bit): nine ints, then long tm_gmtoff and const char *tm_zone.
    [StructLayout(LayoutKind.Sequential)]
    struct Tm
    {
        public int Sec, Min, Hour, MDay, Mon, Year, WDay, YDay, IsDst;
        public long GmtOff;
        public nint Zone;
    }

    [LibraryImport("libc", EntryPoint = "localtime_r")]
    private static partial Tm* LocalTime(long* time, Tm* result);

    [LibraryImport("libc", EntryPoint = "strftime", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nuint StrFTime(byte* buffer, nuint size, string format, Tm* tm);

    [LibraryImport("libc", EntryPoint = "tzset")]
    private static partial void TzSet();

    static CTime() => TzSet();

    /// <summary>strftime(<paramref name="format"/>) of <paramref name="unixSeconds"/> in local time; at most
    /// <paramref name="maxBytes"/> bytes (NUT's buffer), empty when it would not fit.</summary>
    public static string Format(string format, long unixSeconds, int maxBytes = 512)
    {
        Tm tm;
        long t = unixSeconds;
        if (LocalTime(&t, &tm) == null)
            return "";
        byte* buffer = stackalloc byte[maxBytes];
        nuint n = StrFTime(buffer, (nuint)maxBytes, format, &tm);
        return Encoding.UTF8.GetString(buffer, (int)n);
    }
}
