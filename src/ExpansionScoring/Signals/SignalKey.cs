using System.Diagnostics.CodeAnalysis;

namespace ExpansionScoring.Signals;

/// <summary>
/// The name of a signal, such as <see cref="PlanFit"/> or a user-defined <c>"Nps"</c>.
/// Keys are case-insensitive and interned, so comparing and looking them up costs an integer compare.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExpansionScoring.Serialization.SignalKeyJsonConverter))]
public readonly struct SignalKey : IEquatable<SignalKey>, IComparable<SignalKey>
{
    /// <summary>
    /// The most signal names a process holds. Names come from models (built-ins, presets, scorers, rules) and from
    /// input such as JSON account bodies; the bound keeps input from growing the table for the life of the process.
    /// </summary>
    internal const int MaxNames = 1_024;

    private static readonly SignalNameTable Table = new(MaxNames);

    // Id + 1, so that default(SignalKey) is recognisably "no key".
    private readonly int idPlusOne;

    static SignalKey()
    {
        // The built-in keys take the ids 0, 1, … in the order of BuiltInSignals.All, which the compiled model relies on.
        foreach (var signal in BuiltInSignals.All)
        {
            _ = Table.Register(signal.Name);
        }
    }

    private SignalKey(int id) => idPlusOne = id + 1;

    /// <summary>Plan-Fit saturation: seats or a metered limit consumed vs. the plan ceiling.</summary>
    public static SignalKey PlanFit => new(0);

    /// <summary>Usage velocity: the 90-day usage trend.</summary>
    public static SignalKey Velocity => new(1);

    /// <summary>Engagement breadth: feature breadth and multi-department use.</summary>
    public static SignalKey Engagement => new(2);

    /// <summary>Champion strength: named champion, seniority, exec sponsor, recency.</summary>
    public static SignalKey Champion => new(3);

    /// <summary>Trigger events: funding, hiring, go-lives, promotions, limit hits.</summary>
    public static SignalKey Triggers => new(4);

    /// <summary>Gets the built-in keys in their canonical order (today the five of SPEC §2).</summary>
    public static IReadOnlyList<SignalKey> BuiltIn { get; } = [.. Enumerable.Range(0, BuiltInSignals.Count).Select(id => new SignalKey(id))];

    /// <summary>Gets the key's name as it was first spelled.</summary>
    public string Name => IsDefault ? string.Empty : Table.NameOf(idPlusOne - 1);

    /// <summary>Gets a value indicating whether this is <c>default(SignalKey)</c>, which names no signal.</summary>
    public bool IsDefault => idPlusOne == 0;

    /// <summary>Gets a value indicating whether this is one of the built-in signals (<see cref="BuiltIn"/>).</summary>
    public bool IsBuiltIn => idPlusOne >= 1 && idPlusOne <= BuiltInSignals.Count;

    internal int Id => idPlusOne - 1;

    internal static int RegisteredCount => Table.Count;

    internal static SignalKey FromId(int id) => new(id);

    /// <summary>Returns the key with the given name, creating it on first use.</summary>
    /// <param name="name">Letters, digits, '_', '-' or '.', starting with a letter; at most 64 characters.</param>
    /// <returns>The interned key; equal to any other key of the same name in any casing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid signal name, or is new and the process already holds the most signal names it keeps (1,024).</exception>
    public static SignalKey Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid signal name: use letters, digits, '_', '-' or '.', starting with a letter, at most 64 characters.",
                nameof(name));
        }

        return new SignalKey(Table.Register(name));
    }

    /// <summary>Looks up an existing key without creating one.</summary>
    /// <param name="name">The name to look up, in any casing.</param>
    /// <param name="key">The key, when it exists.</param>
    /// <returns><see langword="true"/> when a key of that name exists.</returns>
    public static bool TryGet([NotNullWhen(true)] string? name, out SignalKey key)
    {
        if (name is not null && Table.TryGet(name, out int id))
        {
            key = new SignalKey(id);
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>Returns whether <paramref name="name"/> is a valid signal name.</summary>
    /// <param name="name">The candidate name.</param>
    /// <returns><see langword="true"/> when the name can be used with <see cref="Of(string)"/>.</returns>
    public static bool IsValidName([NotNullWhen(true)] string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Converts a name to its key, as <see cref="Of(string)"/> does.</summary>
    /// <param name="name">The signal name.</param>
    public static implicit operator SignalKey(string name) => Of(name);

    /// <summary>Compares two keys for equality.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    public static bool operator ==(SignalKey left, SignalKey right) => left.idPlusOne == right.idPlusOne;

    /// <summary>Compares two keys for inequality.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    public static bool operator !=(SignalKey left, SignalKey right) => left.idPlusOne != right.idPlusOne;

    /// <summary>Converts a name to its key, as <see cref="Of(string)"/> does.</summary>
    /// <param name="name">The signal name.</param>
    /// <returns>The key.</returns>
    public static SignalKey FromString(string name) => Of(name);

    /// <inheritdoc />
    public bool Equals(SignalKey other) => idPlusOne == other.idPlusOne;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SignalKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => idPlusOne;

    /// <summary>Orders keys by registration: the built-ins first, in their canonical order.</summary>
    /// <param name="other">The key to compare with.</param>
    /// <returns>A negative number, zero or a positive number.</returns>
    public int CompareTo(SignalKey other) => idPlusOne.CompareTo(other.idPlusOne);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The interned signal names: a case-insensitive name-to-id table that holds at most its capacity.</summary>
/// <param name="capacity">The most names it holds.</param>
internal sealed class SignalNameTable(int capacity)
{
    private readonly object gate = new();
    private readonly Dictionary<string, int> ids = new(StringComparer.OrdinalIgnoreCase);
    private volatile string[] names = [];

    /// <summary>Gets how many names it holds.</summary>
    public int Count => names.Length;

    /// <summary>Returns the name of an id, spelled as it was first registered.</summary>
    public string NameOf(int id) => names[id];

    /// <summary>Looks a name up without registering it.</summary>
    public bool TryGet(string name, out int id)
    {
        lock (gate)
        {
            return ids.TryGetValue(name, out id);
        }
    }

    /// <summary>Returns the id of <paramref name="name"/>, registering it when new.</summary>
    /// <exception cref="ArgumentException">The name is new and the table is full.</exception>
    public int Register(string name)
    {
        lock (gate)
        {
            if (ids.TryGetValue(name, out int id))
            {
                return id;
            }

            id = names.Length;
            if (id >= capacity)
            {
                throw new ArgumentException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{name}' would be signal name number {id + 1:N0} in this process, which keeps at most {capacity:N0}, so that input naming new signals cannot grow memory without end. A signal no model reads is never scored; send only the signals your models use."),
                    nameof(name));
            }

            string[] grown = new string[id + 1];
            Array.Copy(names, grown, id);
            grown[id] = name;
            ids.Add(name, id);
            names = grown;
            return id;
        }
    }
}
