namespace Tma.Cli.Prediction;

/// <summary>Where <c>tma predict</c> writes its rows, one at a time; <see cref="Complete"/> flushes what is buffered.</summary>
internal interface IPredictionWriter : IDisposable
{
    /// <summary>Writes one row (buffered; may write a row group).</summary>
    void Write(Prediction prediction);

    /// <summary>Writes what is buffered and the format's trailer. Not called on error, so a partial file is never finished.</summary>
    void Complete();
}
