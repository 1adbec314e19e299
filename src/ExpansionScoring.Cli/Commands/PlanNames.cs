using System.Text;

namespace ExpansionScoring.Cli.Commands;

/// <summary>
/// The strings of the plan names one thread has read, by their UTF-8 bytes: a book has a handful of plans, so each is
/// made into a string once instead of once per account. Sixteen slots, the last name seen in each; not thread-safe.
/// </summary>
internal sealed class PlanNames
{
    private readonly byte[]?[] keys = new byte[]?[16];
    private readonly string[] names = new string[16];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        int slot = (utf8.Length + (utf8.IsEmpty ? 0 : utf8[0] + (7 * utf8[^1]))) & 15;
        if (keys[slot] is { } key && utf8.SequenceEqual(key))
        {
            return names[slot];
        }

        string name = Encoding.UTF8.GetString(utf8);
        keys[slot] = utf8.ToArray();
        names[slot] = name;
        return name;
    }
}
