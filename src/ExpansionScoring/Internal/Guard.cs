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
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Value is not a defined {typeof(T).Name}.");
        }

        return value;
    }

    public static void NotFrozen(bool built, string what)
    {
        if (built)
        {
            throw new InvalidOperationException($"This {what} has already been built; create a new one.");
        }
    }
}
