using System.Text.Json;

namespace Tma.CaseStore;

/// <summary>Collects every input problem (field names only, never values) and throws them together.</summary>
internal sealed class Validator
{
    private readonly List<string> _problems = [];

    public Validator Text(string field, string? value, int maxLength, bool allowEmpty = false)
    {
        if (value is null || (!allowEmpty && string.IsNullOrWhiteSpace(value)))
        {
            _problems.Add($"{field}: required");
        }
        else if (value.Length > maxLength)
        {
            _problems.Add($"{field}: longer than {maxLength} characters");
        }

        return this;
    }

    public Validator Json(string field, string? value, int maxLength)
    {
        Text(field, value, maxLength);
        if (!string.IsNullOrWhiteSpace(value) && value.Length <= maxLength)
        {
            try
            {
                using var _ = JsonDocument.Parse(value);
            }
            catch (JsonException)
            {
                _problems.Add($"{field}: not well-formed JSON");
            }
        }

        return this;
    }

    public Validator Defined<TEnum>(string field, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            _problems.Add($"{field}: not a known value");
        }

        return this;
    }

    public Validator Time(string field, DateTimeOffset value)
    {
        if (value == default)
        {
            _problems.Add($"{field}: required");
        }

        return this;
    }

    public Validator Check(bool ok, string problem)
    {
        if (!ok)
        {
            _problems.Add(problem);
        }

        return this;
    }

    /// <summary>Whether no problem was found.</summary>
    public bool IsValid => _problems.Count == 0;

    public void ThrowIfInvalid()
    {
        if (_problems.Count > 0)
        {
            throw new CaseStoreValidationException(_problems.ToArray());
        }
    }
}
