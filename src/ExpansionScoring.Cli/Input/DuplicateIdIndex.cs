namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Remembers which account ids a run has seen, and on which line, without keeping the ids themselves: each id is kept
/// as a 64-bit hash and its line, about 30 bytes per distinct account (a million-row file costs ~30 MB here); nothing
/// else in the run grows with the file. Two different ids share a hash with a probability of about n² / 2⁶⁵
/// (3 × 10⁻⁸ for a million ids).
/// </summary>
internal sealed class DuplicateIdIndex
{
    private readonly Dictionary<ulong, long> firstLine = [];

    /// <summary>Records <paramref name="accountId"/> on <paramref name="line"/>, or reports the line it was first seen on.</summary>
    /// <returns><see langword="true"/> when the id is new.</returns>
    public bool TryAdd(string accountId, long line, out long firstSeenOn)
    {
        ulong hash = Hash(accountId);
        if (firstLine.TryGetValue(hash, out firstSeenOn))
        {
            return false;
        }

        firstLine.Add(hash, line);
        firstSeenOn = line;
        return true;
    }

    /// <summary>Makes room for about <paramref name="ids"/> accounts at once, so the table never grows by doubling (which briefly holds old and new tables).</summary>
    public void Reserve(long ids) => firstLine.EnsureCapacity((int)Math.Clamp(ids, 0, 256_000_000));

    /// <summary>FNV-1a over the UTF-16 code units, then the MurmurHash3 finaliser to spread the bits.</summary>
    /// <summary>Adds an id given as characters (the columnar reader's, which holds no string).</summary>
    /// <param name="accountId">The id, trimmed.</param>
    /// <param name="line">The line it is on.</param>
    /// <returns><see langword="false"/> when the id was seen before (and is not added).</returns>
    public bool TryAdd(ReadOnlySpan<char> accountId, long line) => firstLine.TryAdd(Hash(accountId), line);

    internal static ulong Hash(string value) => Hash(value.AsSpan());

    internal static ulong Hash(ReadOnlySpan<char> value)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in value)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
