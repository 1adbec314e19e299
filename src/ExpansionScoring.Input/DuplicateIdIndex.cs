using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace ExpansionScoring.Input;

/// <summary>
/// Remembers which account ids a run has seen, and on which line, without keeping the ids themselves: each id is kept
/// as a 64-bit hash beside its line in one 16-byte slot of an open-addressed table (linear probing, at most 70%
/// full), 23–32 bytes per distinct account (a million-row file costs 23–32 MB here); nothing else in the run grows
/// with the file. Two different ids share a hash with a probability of about n² / 2⁶⁵ (3 × 10⁻⁸ for a million ids).
/// </summary>
/// <remarks>
/// A lookup in a table of millions misses the cache. The columnar reader hides the miss: ids are hashed as rows are
/// read (on any thread), the slot is asked for with <see cref="Prefetch"/> when a row joins the few waiting to be taken
/// in order, and <see cref="TryAdd(ulong, long)"/> runs when its turn comes.
/// </remarks>
internal sealed class DuplicateIdIndex
{
    private const int MinCapacity = 1024;

    private Slot[] slots = new Slot[MinCapacity];
    private int count;

    /// <summary>Gets the number of ids recorded.</summary>
    public int Count => count;

    /// <summary>Records <paramref name="accountId"/> on <paramref name="line"/>, or reports the line it was first seen on.</summary>
    /// <returns><see langword="true"/> when the id is new.</returns>
    public bool TryAdd(string accountId, long line, out long firstSeenOn) => TryAdd(Hash(accountId), line, out firstSeenOn);

    /// <summary>Adds an id given as characters (the columnar reader's, which holds no string).</summary>
    /// <param name="accountId">The id, trimmed.</param>
    /// <param name="line">The line it is on.</param>
    /// <returns><see langword="false"/> when the id was seen before (and is not added).</returns>
    public bool TryAdd(ReadOnlySpan<char> accountId, long line) => TryAdd(Hash(accountId), line, out _);

    /// <summary>Adds an id by its <see cref="Hash(ReadOnlySpan{char})"/>.</summary>
    /// <returns><see langword="false"/> when the id was seen before (and is not added).</returns>
    public bool TryAdd(ulong hash, long line) => TryAdd(hash, line, out _);

    /// <summary>Asks the memory system for the slot where <paramref name="hash"/> would go, ahead of <see cref="TryAdd(ulong, long)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(ulong hash)
    {
        if (Sse.IsSupported)
        {
            // Only a hint: if a collection moves the table meanwhile, the prefetch is wasted, nothing more.
            var table = slots;
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), Home(Key(hash), table.Length))));
        }
    }

    /// <summary>Makes room for about <paramref name="ids"/> accounts at once, so the table never grows by doubling (which briefly holds old and new tables).</summary>
    public void Reserve(long ids)
    {
        long wanted = Math.Clamp(ids, 0, 256_000_000) * 10 / 7;
        if (wanted > slots.Length)
        {
            Resize((int)Math.Min(Array.MaxLength, wanted + 1));
        }
    }

    internal static ulong Hash(string value) => Hash(value.AsSpan());

    /// <summary>
    /// xxHash64's rounds over the id's UTF-16 code units taken four at a time (one 64-bit word per step; the last
    /// word's unused lanes are zero, and the length is mixed in first), then its final avalanche.
    /// </summary>
    internal static ulong Hash(ReadOnlySpan<char> value)
    {
        const ulong P1 = 11400714785074694791UL, P2 = 14029467366897019727UL, P3 = 1609587929392839161UL, P4 = 9650029242287828579UL, P5 = 2870177450012600261UL;
        ulong h = P5 + ((ulong)value.Length * 2);
        var words = MemoryMarshal.Cast<char, ulong>(value);
        foreach (ulong w in words)
        {
            h ^= BitOperations.RotateLeft(w * P2, 31) * P1;
            h = (BitOperations.RotateLeft(h, 27) * P1) + P4;
        }

        ulong tail = 0;
        for (int i = words.Length * 4; i < value.Length; i++)
        {
            tail = (tail << 16) | value[i];
        }

        h ^= BitOperations.RotateLeft(tail * P2, 31) * P1;
        h = (BitOperations.RotateLeft(h, 27) * P1) + P4;
        h ^= h >> 33;
        h *= P2;
        h ^= h >> 29;
        h *= P3;
        h ^= h >> 32;
        return h;
    }

    /// <summary>The slot a key's probe starts at: the key's top bits scaled to the table (multiply and shift, no division).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(ulong key, int length) => (int)Math.BigMul(key, (ulong)length, out _);

    /// <summary>Zero marks an empty slot, so a hash of zero is stored as one (one more hash value shared, nothing else).</summary>
    private static ulong Key(ulong hash) => hash == 0 ? 1 : hash;

    private bool TryAdd(ulong hash, long line, out long firstSeenOn)
    {
        ulong key = Key(hash);
        var table = slots;
        for (int i = Home(key, table.Length); ; i = i + 1 == table.Length ? 0 : i + 1)
        {
            ref var slot = ref table[i];
            if (slot.Key == key)
            {
                firstSeenOn = slot.Line;
                return false;
            }

            if (slot.Key == 0)
            {
                slot = new Slot(key, line);
                firstSeenOn = line;
                if (++count > table.Length / 10 * 7)
                {
                    Resize((int)Math.Min(Array.MaxLength, table.Length * 2L));
                }

                return true;
            }
        }
    }

    private void Resize(int capacity)
    {
        var old = slots;
        var table = new Slot[capacity];
        foreach (var slot in old)
        {
            if (slot.Key != 0)
            {
                int i = Home(slot.Key, capacity);
                while (table[i].Key != 0)
                {
                    i = i + 1 == capacity ? 0 : i + 1;
                }

                table[i] = slot;
            }
        }

        slots = table;
    }

    private readonly record struct Slot(ulong Key, long Line);
}
