namespace Conversations.Channels.Email.Tests;

/// <summary>
/// Mail shapes seen in the wild, written from the RFCs (RFC 5322 messages, RFC 2045–2047 MIME and encoded words, RFC 2046
/// multiparts), as ASCII text (non-ASCII only inside transfer encodings). <c>{from}</c> is the sender's address.
/// </summary>
public static class MimeCorpus
{
    /// <summary>multipart/mixed holding multipart/related holding multipart/alternative, plus a PDF.</summary>
    public const string NestedMultiparts = """
        From: Anna <{from}>
        To: support@shop.test
        Subject: Nested
        Message-ID: <nested-{from}>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/related; boundary="related"

        --related
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: text/plain; charset=us-ascii

        Plain part of a nested mail.
        --alt
        Content-Type: text/html; charset=us-ascii

        <p>HTML part of a nested mail.</p>
        --alt--
        --related
        Content-Type: image/png
        Content-ID: <logo>
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --related--
        --outer
        Content-Type: application/pdf; name="invoice.pdf"
        Content-Disposition: attachment; filename="invoice.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer--
        """;

    /// <summary>HTML only, in windows-1251, quoted-printable, with a script, a style and a tracking image; the subject an encoded word.</summary>
    public const string Windows1251Html = """
        From: =?windows-1251?Q?=C0=ED=ED=E0?= <{from}>
        To: support@shop.test
        Subject: =?windows-1251?Q?=C2=EE=EF=F0=EE=F1_=EF=EE_=E7=E0=EA=E0=E7=F3?=
        Message-ID: <cp1251-{from}>
        MIME-Version: 1.0
        Content-Type: text/html; charset=windows-1251
        Content-Transfer-Encoding: quoted-printable

        <html><head><style>p{color:red}</style><script>alert(1)</script></head><bod=
        y><p>=C7=E4=F0=E0=E2=F1=F2=E2=F3=E9=F2=E5!</p><p>=C3=E4=E5 =EC=EE=E9 =E7=E0=
        =EA=E0=E7?<img src=3D"https://tracker.example/pixel.gif"></p></body></html>
        """;

    /// <summary>A koi8-r base64 encoded-word subject and a koi8-r base64 body.</summary>
    public const string Koi8rSubject = """
        From: {from}
        To: support@shop.test
        Subject: =?koi8-r?B?8NLJ18XUIMnaIOvv6S04?=
        Message-ID: <koi8-{from}>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=koi8-r
        Content-Transfer-Encoding: base64

        9MXL09Qg0MnT2M3BINcg6+/pLTgu
        """;

    /// <summary>A multipart whose closing boundary never comes and whose second boundary is misspelt.</summary>
    public const string BrokenBoundary = """
        From: {from}
        To: support@shop.test
        Subject: Broken
        Message-ID: <broken-{from}>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain

        The first part.
        --b2
        Content-Type: text/plain

        A part under a boundary nobody declared.
        """;

    /// <summary>No Message-ID at all (old scripts, some MTAs add none).</summary>
    public const string MissingMessageId = """
        From: {from}
        To: support@shop.test
        Subject: No id

        A mail without a Message-ID.
        """;

    /// <summary>Outlook's TNEF attachment (application/ms-tnef, winmail.dat).</summary>
    public const string WinmailDat = """
        From: {from}
        To: support@shop.test
        Subject: From Outlook
        Message-ID: <tnef-{from}>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="tnef"

        --tnef
        Content-Type: text/plain

        See the attachment.
        --tnef
        Content-Type: application/ms-tnef; name="winmail.dat"
        Content-Disposition: attachment; filename="winmail.dat"
        Content-Transfer-Encoding: base64

        eJ8+IgAAAQaQCAAEAAAAAAABAAEAAQeQBgAIAAAA5AQAAAAAAADoAAEIgAcAGAAAAElQTS5NaWNyb3NvZnQgTWFpbC5Ob3RlADEI
        --tnef--
        """;

    /// <summary>A mail with no From header (refused: nobody to answer), answered 200 without storing.</summary>
    public const string NoFrom = """
        To: support@shop.test
        Subject: Anonymous
        Message-ID: <nofrom-{from}>

        Who sent this?
        """;

    /// <summary>Headers and no body.</summary>
    public const string HeadersOnly = """
        From: {from}
        To: support@shop.test
        Subject: Only a subject
        Message-ID: <headers-{from}>

        """;
}
