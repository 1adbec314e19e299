using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ExpansionScoring.Internal;

/// <summary>The one place that turns bad arguments into exceptions.</summary>
internal static class Guard
{
    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }

        return value;
    }

    public static string NotNullOrWhiteSpace([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("Value must not be empty or white space.", name);
        }

        return value;
    }

    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Value must be a finite number.");
        }

        return value;
    }

    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Value must be a finite number >= 0.");
        }

        return value;
    }

    public static double? NonNegative(double? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        => value is { } v ? NonNegative(v, name) : null;

    public static int NonNegative(int value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Value must be >= 0.");
        }

        return value;
    }

    public static int? NonNegative(int? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        => value is { } v ? NonNegative(v, name) : null;

    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Value must be a finite number in {min}..{max}.");
        }

        return value;
    }

    public static double? InRange(double? value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
        => value is { } v ? InRange(v, min, max, name) : null;

    public static T Defined<T>(T value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : struct, Enum
    {
        if (!DefinedValues<T>.Contains(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Value is not a defined {typeof(T).Name}.");
        }

        return value;
    }

    /// <summary>Whether a value is a defined <typeparamref name="T"/>: by a bound when the values are 0 to n − 1 (as the library's enums are), else by <see cref="Enum.IsDefined{TEnum}(TEnum)"/>.</summary>
    private static class DefinedValues<T>
        where T : struct, Enum
    {
        private static readonly int Count = ContiguousCount();

        public static bool Contains(T value) => Count > 0 && Unsafe.SizeOf<T>() == sizeof(int)
            ? (uint)Unsafe.As<T, int>(ref value) < (uint)Count
            : Enum.IsDefined(value);

        /// <summary>The count of values when they are exactly 0 to n − 1 of a 32-bit enum; 0 otherwise.</summary>
        private static int ContiguousCount()
        {
            if (Unsafe.SizeOf<T>() != sizeof(int))
            {
                return 0;
            }

            var values = Enum.GetValues<T>();
            var seen = new bool[values.Length];
            foreach (var v in values)
            {
                var copy = v;
                int i = Unsafe.As<T, int>(ref copy);
                if ((uint)i >= (uint)values.Length || seen[i])
                {
                    return 0;
                }

                seen[i] = true;
            }

            return values.Length;
        }
    }

    public static void NotFrozen(bool built, string what)
    {
        if (built)
        {
            throw new InvalidOperationException($"This {what} has already been built; create a new one.");
        }
    }
}
