using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;

namespace Tma.Research.Datasets;

/// <summary>
/// Refuses dataset columns that look like direct identifiers: by header name (name, e-mail, phone, address, date of
/// birth, national or employee numbers…) and by the content of the first rows (e-mail addresses, phone numbers, free
/// text). Anonymized means anonymized; a refused column must be removed, not renamed.
/// </summary>
public static partial class IdentifierScreen
{
    /// <summary>How many data rows are sampled for the content checks by default.</summary>
    public const int DefaultSampleRows = 200;

    private static readonly string[] NameTokens =
    [
        "name", "firstname", "first_name", "lastname", "last_name", "surname", "forename", "givenname", "given_name", "fullname", "full_name",
        "email", "e_mail", "mail", "phone", "telephone", "tel", "mobile", "cell", "fax",
        "address", "street", "postcode", "zipcode", "zip", "postal_code",
        "birth", "birthday", "birthdate", "dob", "date_of_birth",
        "ssn", "social_security", "national_id", "passport", "iban", "tax_id",
        "employee_id", "employee_number", "personnel_number", "personnel_no", "staff_id", "staff_number", "payroll",
        "ip", "ip_address", "username", "user_name", "login",
    ];

    /// <summary>
    /// Screens a dataset's header and first rows.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="isKnownColumn">True for columns that are model inputs, the outcome, <c>group:</c> columns or the key: free-text screening skips them.</param>
    /// <param name="isModelInput">True for model inputs: their names are declared by a reviewed model and are not name-screened.</param>
    /// <param name="sampleRows">How many data rows to sample; default <see cref="DefaultSampleRows"/>.</param>
    /// <returns>The refused columns in header order (empty when the file passes or cannot be parsed; the reader reports that).</returns>
    public static IReadOnlyList<RefusedColumn> Screen(string path, Func<string, bool> isKnownColumn, Func<string, bool> isModelInput, int sampleRows = DefaultSampleRows)
    {
        ArgumentNullException.ThrowIfNull(isKnownColumn);
        ArgumentNullException.ThrowIfNull(isModelInput);
        using var text = new StreamReader(path, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
        if (!reader.MoveNext())
        {
            return [];
        }

        var header = reader.Current;
        var names = new string[header.ColCount];
        for (var c = 0; c < names.Length; c++)
        {
            names[c] = header[c].ToString();
        }

        var emails = new int[names.Length];
        var phones = new int[names.Length];
        var freeText = new int[names.Length];
        var nonEmpty = new int[names.Length];
        for (var r = 0; r < sampleRows && reader.MoveNext(); r++)
        {
            var row = reader.Current;
            for (var c = 0; c < Math.Min(row.ColCount, names.Length); c++)
            {
                var cell = row[c].Span.Trim();
                if (cell.IsEmpty)
                {
                    continue;
                }

                nonEmpty[c]++;
                emails[c] += LooksLikeEmail(cell) ? 1 : 0;
                phones[c] += LooksLikePhone(cell) ? 1 : 0;
                freeText[c] += LooksLikeFreeText(cell) ? 1 : 0;
            }
        }

        var refused = new List<RefusedColumn>();
        for (var c = 0; c < names.Length; c++)
        {
            var name = names[c];
            string? reason = null;
            if (!isModelInput(name) && IdentifierName(name) is { } token)
            {
                reason = $"its name suggests a direct identifier (`{token}`)";
            }
            else if (nonEmpty[c] > 0 && emails[c] * 2 >= nonEmpty[c] && !isModelInput(name))
            {
                reason = Share("look like e-mail addresses", emails[c], nonEmpty[c]);
            }
            else if (nonEmpty[c] > 0 && phones[c] * 2 >= nonEmpty[c] && !isModelInput(name))
            {
                reason = Share("look like phone numbers", phones[c], nonEmpty[c]);
            }
            else if (nonEmpty[c] > 0 && freeText[c] * 5 >= nonEmpty[c] && !isKnownColumn(name))
            {
                reason = Share("are free text", freeText[c], nonEmpty[c]);
            }

            if (reason is not null)
            {
                refused.Add(new RefusedColumn(name, c + 1, reason));
            }
        }

        return refused;
    }

    /// <summary>The identifier word a column name contains, or null. Names are split into words at <c>_</c>, <c>-</c>, <c>.</c>, <c>:</c>, spaces and camel case.</summary>
    public static string? IdentifierName(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var normalized = CamelBoundary().Replace(column, "$1_$2").ToLowerInvariant();
        normalized = Separators().Replace(normalized, "_").Trim('_');
        var words = normalized.Split('_', StringSplitOptions.RemoveEmptyEntries);
        foreach (var token in NameTokens)
        {
            if (token.Contains('_', StringComparison.Ordinal))
            {
                if (("_" + normalized + "_").Contains("_" + token + "_", StringComparison.Ordinal))
                {
                    return token;
                }
            }
            else if (Array.IndexOf(words, token) >= 0 || normalized == token)
            {
                return token;
            }
        }

        return null;
    }

    /// <summary>True for a cell shaped like an e-mail address (<c>local@domain.tld</c>).</summary>
    public static bool LooksLikeEmail(ReadOnlySpan<char> cell) => EmailPattern().IsMatch(cell);

    /// <summary>
    /// True for a cell shaped like a phone number: an international prefix (<c>+</c> or <c>00</c>) or a national trunk
    /// prefix <c>0</c> followed by a separator, then digits and separators, 7–15 digits in all.
    /// </summary>
    public static bool LooksLikePhone(ReadOnlySpan<char> cell)
    {
        if (!PhonePattern().IsMatch(cell))
        {
            return false;
        }

        var digits = 0;
        foreach (var ch in cell)
        {
            digits += char.IsAsciiDigit(ch) ? 1 : 0;
        }

        return digits is >= 7 and <= 15;
    }

    /// <summary>True for free text: at least 20 characters, at least two spaces, and mostly letters.</summary>
    public static bool LooksLikeFreeText(ReadOnlySpan<char> cell)
    {
        if (cell.Length < 20 || cell.Count(' ') < 2)
        {
            return false;
        }

        var letters = 0;
        foreach (var ch in cell)
        {
            letters += char.IsLetter(ch) ? 1 : 0;
        }

        return letters * 2 >= cell.Length;
    }

    private static string Share(string what, int count, int of) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} of {of} sampled non-empty cells {what}");

    [GeneratedRegex(@"^[^@\s,;]+@[^@\s,;]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(?:(?:\+|00)\d[\d ()./-]{5,22}|\(?0\d{1,5}\)?[ ./-]\d[\d ./-]{3,18})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelBoundary();

    [GeneratedRegex(@"[\s.:\-]+")]
    private static partial Regex Separators();
}
