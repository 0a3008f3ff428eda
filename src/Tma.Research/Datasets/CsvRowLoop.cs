using System.Text;
using Tma.Models.Diagnostics;
using nietras.SeparatedValues;

namespace Tma.Research.Datasets;

/// <summary>
/// The row loop every dataset reader shares: advance, parse, count good and bad rows, keep the first errors for
/// reporting, and either stop at the first bad row or skip it. Unreadable bytes always stop the loop, located.
/// </summary>
internal sealed class CsvRowLoop(string path, bool skipBadRows, int maxReportedErrors)
{
    private readonly List<Diagnostic> _errors = [];
    private int _lastLine = 1;

    public int RowCount { get; private set; }

    public int BadRowCount { get; private set; }

    public bool Stopped { get; private set; }

    public IReadOnlyList<Diagnostic> Errors => _errors;

    /// <summary>Advances to the next row that <paramref name="parse"/> accepts (it returns null, or the row's error).</summary>
    public bool MoveNext(SepReader sep, Func<SepReader.Row, Diagnostic?> parse)
    {
        if (Stopped)
        {
            return false;
        }

        while (true)
        {
            try
            {
                if (!sep.MoveNext())
                {
                    return false;
                }
            }
            catch (DecoderFallbackException)
            {
                return StopWith(new Diagnostic(DatasetDiagnosticCodes.File, Severity.Error, new SourceLocation(path, _lastLine, 1), DatasetMessages.NotUtf8(_lastLine)));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                return StopWith(new Diagnostic(DatasetDiagnosticCodes.File, Severity.Error, new SourceLocation(path, _lastLine, 1), DatasetMessages.Unreadable(ex.Message)));
            }

            var row = sep.Current;
            _lastLine = row.LineNumberToExcl;
            var error = parse(row);
            if (error is null)
            {
                RowCount++;
                return true;
            }

            BadRowCount++;
            if (_errors.Count < Math.Max(1, maxReportedErrors))
            {
                _errors.Add(error);
            }

            if (!skipBadRows)
            {
                Stopped = true;
                return false;
            }
        }
    }

    private bool StopWith(Diagnostic diagnostic)
    {
        _errors.Add(diagnostic);
        Stopped = true;
        return false;
    }
}
