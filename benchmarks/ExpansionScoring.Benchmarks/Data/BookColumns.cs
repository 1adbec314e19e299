using ExpansionScoring.Columnar;

namespace ExpansionScoring.Benchmarks.Data;

/// <summary>
/// A <see cref="SyntheticBook"/> as columns, through the library's own <see cref="AccountColumnBuffer"/>: exactly what
/// the general engine reads from each <see cref="Account"/> (signal values as the default model reads them, seat
/// saturation, days to renewal resolved against the as-of date, gate inputs).
/// </summary>
public sealed class BookColumns
{
    private readonly AccountColumnBuffer buffer;

    public BookColumns(IReadOnlyList<Account> accounts, DateOnly asOf)
    {
        buffer = new AccountColumnBuffer(accounts.Count);
        foreach (var account in accounts)
        {
            buffer.Add(account, asOf);
        }
    }

    public int Count => buffer.Count;

    public AccountColumns Columns => buffer.Columns;

    public AccountRow Row(int i) => buffer[i];
}
