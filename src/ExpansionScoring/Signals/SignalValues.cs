using System.Collections;
using System.Runtime.CompilerServices;

namespace ExpansionScoring.Signals;

/// <summary>
/// An immutable set of signal values, each 0..100, keyed by <see cref="SignalKey"/>.
/// This is how an account supplies signals directly, as the reference calculator takes them.
/// Lookups are an array index, so reading a value on the scoring path allocates nothing.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExpansionScoring.Serialization.SignalValuesJsonConverter))]
public sealed class SignalValues : IReadOnlyCollection<KeyValuePair<SignalKey, double>>
{
    // Dense by key id; NaN marks "not supplied".
    private readonly double[] values;

    // Dense by key id: observation day number + 1, 0 for "no date"; null when no value carries a date.
    private readonly int[]? observed;

    private SignalValues(double[] values, int[]? observed, int count)
    {
        this.values = values;
        this.observed = observed;
        Count = count;
    }

    /// <summary>Gets the empty set.</summary>
    public static SignalValues Empty { get; } = new([], null, 0);

    /// <summary>Gets the number of signals supplied.</summary>
    public int Count { get; }

    /// <summary>Gets the value of a supplied signal.</summary>
    /// <param name="key">The signal.</param>
    /// <exception cref="KeyNotFoundException">The signal was not supplied.</exception>
    public double this[SignalKey key] => TryGetValue(key, out double v)
        ? v
        : throw new KeyNotFoundException($"Signal '{key}' was not supplied.");

    /// <summary>Creates a set from the five built-in signals; <see langword="null"/> leaves a signal out.</summary>
    /// <param name="planFit">Plan-Fit saturation, 0..100.</param>
    /// <param name="velocity">Usage velocity, 0..100.</param>
    /// <param name="engagement">Engagement breadth, 0..100.</param>
    /// <param name="champion">Champion strength, 0..100.</param>
    /// <param name="triggers">Trigger events, 0..100.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or outside 0..100.</exception>
    public static SignalValues Of(double? planFit = null, double? velocity = null, double? engagement = null, double? champion = null, double? triggers = null)
    {
        // One array for the five (not a copy per signal), each value checked as With checks it, in the same order.
        Span<double> given = [planFit ?? double.NaN, velocity ?? double.NaN, engagement ?? double.NaN, champion ?? double.NaN, triggers ?? double.NaN];
        Span<bool> present = [planFit.HasValue, velocity.HasValue, engagement.HasValue, champion.HasValue, triggers.HasValue];
        int count = 0, length = 0;
        for (int i = 0; i < given.Length; i++)
        {
            if (present[i])
            {
                CheckValue(SignalKey.FromId(i), given[i]); // built-in signal i has id i
                count++;
                length = i + 1;
            }
        }

        if (count == 0)
        {
            return Empty;
        }

        double[] values = new double[length];
        Array.Fill(values, double.NaN);
        for (int i = 0; i < given.Length; i++)
        {
            if (present[i])
            {
                values[i] = given[i];
            }
        }

        return new SignalValues(values, null, count);
    }

    /// <summary>Creates a set from key/value pairs.</summary>
    /// <param name="pairs">The pairs; a later pair replaces an earlier one with the same key.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pairs"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or outside 0..100.</exception>
    public static SignalValues From(IEnumerable<KeyValuePair<SignalKey, double>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var result = Empty;
        foreach (var pair in pairs)
        {
            result = result.With(pair.Key, pair.Value);
        }

        return result;
    }

    /// <summary>Creates a set from name/value pairs, such as a dictionary read from JSON.</summary>
    /// <param name="pairs">The pairs; names are case-insensitive.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pairs"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is not a valid signal name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or outside 0..100.</exception>
    public static SignalValues From(IEnumerable<KeyValuePair<string, double>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var result = Empty;
        foreach (var pair in pairs)
        {
            result = result.With(SignalKey.Of(pair.Key), pair.Value);
        }

        return result;
    }

    /// <summary>Returns a copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    /// <param name="key">The signal.</param>
    /// <param name="value">Its value, 0..100.</param>
    /// <returns>A new set; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, infinite or outside 0..100.</exception>
    public SignalValues With(SignalKey key, double value) => With(key, value, null);

    /// <summary>Returns a copy with <paramref name="key"/> set to <paramref name="value"/>, observed on <paramref name="observedOn"/>.</summary>
    /// <param name="key">The signal.</param>
    /// <param name="value">Its value, 0..100.</param>
    /// <param name="observedOn">The day the value was observed; a model with a maximum signal age treats it as missing once it is too old. <see langword="null"/> for undated.</param>
    /// <returns>A new set; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, infinite or outside 0..100.</exception>
    public SignalValues With(SignalKey key, double value, DateOnly? observedOn)
    {
        if (key.IsDefault)
        {
            throw new ArgumentException("The signal key is default(SignalKey), which names no signal.", nameof(key));
        }

        CheckValue(key, value);
        int id = key.Id;
        double[] copy = new double[Math.Max(values.Length, id + 1)];
        Array.Fill(copy, double.NaN);
        Array.Copy(values, copy, values.Length);
        bool added = double.IsNaN(copy[id]);
        copy[id] = value;
        int[]? dates = null;
        if (observed is not null || observedOn is not null)
        {
            dates = new int[copy.Length];
            if (observed is not null)
            {
                Array.Copy(observed, dates, observed.Length);
            }

            dates[id] = observedOn is { } d ? d.DayNumber + 1 : 0;
        }

        return new SignalValues(copy, dates, Count + (added ? 1 : 0));
    }

    /// <summary>Returns a copy without <paramref name="key"/>.</summary>
    /// <param name="key">The signal to remove.</param>
    /// <returns>A new set, or this one when the key was not supplied.</returns>
    public SignalValues Without(SignalKey key)
    {
        if (!Contains(key))
        {
            return this;
        }

        double[] copy = (double[])values.Clone();
        copy[key.Id] = double.NaN;
        int[]? dates = (int[]?)observed?.Clone();
        if (dates is not null)
        {
            dates[key.Id] = 0;
        }

        return new SignalValues(copy, dates, Count - 1);
    }

    /// <summary>Returns whether the signal was supplied.</summary>
    /// <param name="key">The signal.</param>
    /// <returns><see langword="true"/> when supplied.</returns>
    public bool Contains(SignalKey key) => TryGetValue(key, out _);

    /// <summary>Gets the value of a signal when it was supplied.</summary>
    /// <param name="key">The signal.</param>
    /// <param name="value">The value, 0..100, when supplied.</param>
    /// <returns><see langword="true"/> when supplied.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(SignalKey key, out double value)
    {
        uint id = (uint)key.Id;
        if (id < (uint)values.Length)
        {
            value = values[id];
            return !double.IsNaN(value);
        }

        value = double.NaN;
        return false;
    }

    /// <summary>Gets the day a supplied signal was observed, when it was supplied with one.</summary>
    /// <param name="key">The signal.</param>
    /// <param name="observedOn">The observation day.</param>
    /// <returns><see langword="true"/> when the signal was supplied with an observation date.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetObservedOn(SignalKey key, out DateOnly observedOn)
    {
        uint id = (uint)key.Id;
        if (observed is not null && id < (uint)observed.Length && observed[id] > 0)
        {
            observedOn = DateOnly.FromDayNumber(observed[id] - 1);
            return true;
        }

        observedOn = default;
        return false;
    }

    /// <summary>Enumerates the supplied signals in key order (built-ins first).</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<KeyValuePair<SignalKey, double>> GetEnumerator()
    {
        for (int id = 0; id < values.Length; id++)
        {
            if (!double.IsNaN(values[id]))
            {
                yield return new KeyValuePair<SignalKey, double>(SignalKey.FromId(id), values[id]);
            }
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Returns the values as a name → value dictionary, for serialisation.</summary>
    /// <returns>A new dictionary.</returns>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var d = new Dictionary<string, double>(Count, StringComparer.OrdinalIgnoreCase);
        foreach (var pair in this)
        {
            d[pair.Key.Name] = pair.Value;
        }

        return d;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", this.Select(p => $"{p.Key}={p.Value}"));


    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, infinite or outside 0..100.</exception>
    private static void CheckValue(SignalKey key, double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Signal '{key}' must be a finite number in 0..100.");
        }
    }
}
