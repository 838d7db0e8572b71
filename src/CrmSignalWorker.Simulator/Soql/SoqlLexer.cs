using System.Globalization;
using System.Text;

namespace CrmSignalWorker.Simulator.Soql;

/// <summary>Splits SOQL into tokens; literals are parsed here so the parser only sees typed values.</summary>
internal sealed class SoqlLexer
{
    private static readonly string[] s_dateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private readonly string _soql;
    private readonly List<SoqlToken> _tokens = [];
    private int _position;

    private SoqlLexer(string soql) => _soql = soql;

    public static List<SoqlToken> Tokenize(string soql)
    {
        var lexer = new SoqlLexer(soql);
        lexer.Run();
        return lexer._tokens;
    }

    private char Current => _position < _soql.Length ? _soql[_position] : '\0';

    private char Peek(int offset) => _position + offset < _soql.Length ? _soql[_position + offset] : '\0';

    private void Run()
    {
        while (true)
        {
            while (char.IsWhiteSpace(Current))
            {
                _position++;
            }

            if (_position >= _soql.Length)
            {
                _tokens.Add(new SoqlToken(SoqlTokenKind.End, string.Empty, _soql.Length));
                return;
            }

            var c = Current;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                ReadIdentifier();
            }
            else if (char.IsAsciiDigit(c) || ((c is '-' or '+') && char.IsAsciiDigit(Peek(1))))
            {
                ReadNumberOrDate();
            }
            else if (c == '\'')
            {
                ReadString();
            }
            else
            {
                ReadPunctuation(c);
            }
        }
    }

    private void ReadIdentifier()
    {
        var start = _position;
        while (char.IsAsciiLetterOrDigit(Current) || Current == '_')
        {
            _position++;
        }

        _tokens.Add(new SoqlToken(SoqlTokenKind.Identifier, _soql[start.._position], start));
    }

    private void ReadNumberOrDate()
    {
        var start = _position;
        if (IsDateStart())
        {
            ReadDate(start);
            return;
        }

        _position++;
        while (char.IsAsciiDigit(Current) || (Current == '.' && char.IsAsciiDigit(Peek(1))))
        {
            _position++;
        }

        var text = _soql[start.._position];
        if (char.IsAsciiLetter(Current) || Current == '_')
        {
            throw SoqlErrors.Malformed(_soql, start, $"invalid number '{text}{Current}'");
        }

        var value = decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        _tokens.Add(new SoqlToken(SoqlTokenKind.Number, text, start, value));
    }

    private bool IsDateStart() =>
        char.IsAsciiDigit(Peek(0)) && char.IsAsciiDigit(Peek(1)) && char.IsAsciiDigit(Peek(2)) && char.IsAsciiDigit(Peek(3)) && Peek(4) == '-';

    /// <summary>Date and dateTime literals are unquoted: 2026-11-01, 2026-11-01T00:00:00Z, 2026-11-01T00:00:00.000+0000.</summary>
    private void ReadDate(int start)
    {
        while (char.IsAsciiDigit(Current) || Current is '-' or '+' or ':' or '.' or 'T' or 'Z')
        {
            _position++;
        }

        var text = _soql[start.._position];
        if (!text.Contains('T', StringComparison.Ordinal))
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw SoqlErrors.Malformed(_soql, start, $"invalid date literal '{text}': expected YYYY-MM-DD");
            }

            _tokens.Add(new SoqlToken(SoqlTokenKind.Date, text, start, date));
            return;
        }

        if (!TryParseDateTime(text, out var dateTime))
        {
            throw SoqlErrors.Malformed(
                _soql, start, $"invalid dateTime literal '{text}': expected YYYY-MM-DDThh:mm:ss[.sss] followed by Z or an offset such as +0000 or -08:00");
        }

        _tokens.Add(new SoqlToken(SoqlTokenKind.DateTime, text, start, dateTime));
    }

    private static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        var time = text.IndexOf('T', StringComparison.Ordinal);
        var zone = text.IndexOfAny(['Z', '+', '-'], time);
        if (zone < 0)
        {
            return false; // SOQL requires an explicit zone.
        }

        // .NET reads offsets as +hh:mm; Salesforce also writes +hhmm.
        var normalized = text;
        if (text[zone] != 'Z' && text.Length - zone == 5 && !text.AsSpan(zone + 1).ContainsAnyExceptInRange('0', '9'))
        {
            normalized = string.Concat(text.AsSpan(0, zone + 3), ":", text.AsSpan(zone + 3));
        }

        return DateTimeOffset.TryParseExact(
            normalized, s_dateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    private void ReadString()
    {
        var start = _position;
        _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _soql.Length)
            {
                throw SoqlErrors.Malformed(_soql, start, "unterminated string literal: a closing quote (') is missing");
            }

            var c = _soql[_position++];
            if (c == '\'')
            {
                break;
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            var escaped = Current;
            value.Append(escaped switch
            {
                '\'' or '"' or '\\' => escaped,
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'b' => '\b',
                'f' => '\f',
                _ => throw SoqlErrors.Malformed(
                    _soql, _position - 1, $"invalid escape sequence '\\{escaped}' in string literal; valid escapes are \\' \\\" \\\\ \\n \\r \\t \\b \\f"),
            });
            _position++;
        }

        _tokens.Add(new SoqlToken(SoqlTokenKind.String, _soql[start.._position], start, value.ToString()));
    }

    private void ReadPunctuation(char c)
    {
        var start = _position;
        (SoqlTokenKind Kind, int Length) token = c switch
        {
            ',' => (SoqlTokenKind.Comma, 1),
            '.' => (SoqlTokenKind.Dot, 1),
            '(' => (SoqlTokenKind.OpenParen, 1),
            ')' => (SoqlTokenKind.CloseParen, 1),
            '=' => (SoqlTokenKind.Operator, 1),
            '!' when Peek(1) == '=' => (SoqlTokenKind.Operator, 2),
            '<' when Peek(1) is '=' or '>' => (SoqlTokenKind.Operator, 2),
            '<' or '>' => (SoqlTokenKind.Operator, Peek(1) == '=' ? 2 : 1),
            _ => throw SoqlErrors.Malformed(_soql, start, $"unexpected character '{c}'"),
        };
        _position += token.Length;
        _tokens.Add(new SoqlToken(token.Kind, _soql[start.._position], start));
    }
}
