using System.Text;

namespace Nut.Core.Text;

/// <summary>
/// The strings of words seen recently, shared by every tokenizer: a server's clients send the same few
/// words over and over ("GET", "VAR", a UPS name, a variable name), and handing back the string made the
/// last time keeps the request path free of allocations. A small direct-mapped table: a word that hashes
/// to a taken slot replaces its occupant. Safe without locks -- a slot holds an immutable string and a
/// reference is read and written whole; a lost race costs one allocation, never a wrong word.
/// </summary>
public static class RecentWords
{
    /// <summary>Longer words (values, descriptions) rarely repeat and are simply made.</summary>
    public const int MaxCachedLength = 48;

    const int Slots = 512; // a power of two
    static readonly string?[] s_slots = new string?[Slots];

    /// <summary>The word in <paramref name="word"/> as a string, the one made before when it is still cached.</summary>
    public static string Get(StringBuilder word)
    {
        int length = word.Length;
        if (length == 0)
            return "";
        if (length > MaxCachedLength)
            return word.ToString();
        Span<char> chars = stackalloc char[MaxCachedLength];
        word.CopyTo(0, chars, length);
        chars = chars[..length];
        int slot = (int)((uint)string.GetHashCode(chars) & (Slots - 1));
        string? cached = Volatile.Read(ref s_slots[slot]);
        if (cached is not null && chars.SequenceEqual(cached))
            return cached;
        string made = new(chars);
        Volatile.Write(ref s_slots[slot], made);
        return made;
    }
}
