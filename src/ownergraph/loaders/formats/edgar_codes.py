"""EDGAR location codes (SEC headers, ``stateOrCountry``, ``citizenshipOrOrganization``) as ISO 3166.

EDGAR does not use ISO codes for places. A US state is its two-letter postal code
(``DE`` Delaware, ``IN`` Indiana — not India), ``X1`` is the United States as a whole,
Canadian provinces are ``A0``-``B0`` and Canada as a whole ``Z4``, and every other
country has an EDGAR code of its own (``E9`` Cayman Islands, ``D8`` British Virgin
Islands, ``K3`` Hong Kong, ``X0`` United Kingdom, ``L3`` Israel, ``2M`` Germany).
The table below is the public EDGAR "State and Country Codes" list, each code with the
ISO 3166-1 alpha-2 country or ISO 3166-2 subdivision it stands for. ``XX`` (unknown)
and codes not in the list give a :class:`~ownergraph.record.Jurisdiction` without a
code; the text as written is always kept.

Examples
--------
>>> edgar_location("DE")
Jurisdiction(text='DE', code='US-DE', country='US')
>>> edgar_location("IN").code
'US-IN'
>>> edgar_location("E9")
Jurisdiction(text='E9', code='KY', country='KY')
>>> edgar_location("D8").code, edgar_location("X1").code, edgar_location("A6").code
('VG', 'US', 'CA-ON')
>>> edgar_location_name("L3")
'Israel'
>>> edgar_location("XX").code is None
True
"""

from __future__ import annotations

import functools

from ownergraph.record import Jurisdiction

__all__ = [
    "EDGAR_LOCATIONS",
    "US_STATES",
    "edgar_country",
    "edgar_location",
    "edgar_location_name",
    "is_edgar_code",
]


_STATE_NAMES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}

#: EDGAR codes of the US states and the District of Columbia (ISO 3166-2 ``US-`` + code).
US_STATES: frozenset[str] = frozenset(_STATE_NAMES)

#: EDGAR code -> (ISO 3166 code, or None where there is none; name in the EDGAR list).
#: The US states (see :data:`US_STATES`) are not repeated here.
EDGAR_LOCATIONS: dict[str, tuple[str | None, str]] = {
    "X1": ("US", "United States"),
    "A0": ("CA-AB", "Alberta, Canada"),
    "A1": ("CA-BC", "British Columbia, Canada"),
    "A2": ("CA-MB", "Manitoba, Canada"),
    "A3": ("CA-NB", "New Brunswick, Canada"),
    "A4": ("CA-NL", "Newfoundland, Canada"),
    "A5": ("CA-NS", "Nova Scotia, Canada"),
    "A6": ("CA-ON", "Ontario, Canada"),
    "A7": ("CA-PE", "Prince Edward Island, Canada"),
    "A8": ("CA-QC", "Quebec, Canada"),
    "A9": ("CA-SK", "Saskatchewan, Canada"),
    "B0": ("CA-YT", "Yukon, Canada"),
    "Z4": ("CA", "Canada (Federal Level)"),
    "B2": ("AF", "Afghanistan"),
    "Y6": ("AX", "Aland Islands"),
    "B3": ("AL", "Albania"),
    "B4": ("DZ", "Algeria"),
    "B5": ("AS", "American Samoa"),
    "B6": ("AD", "Andorra"),
    "B7": ("AO", "Angola"),
    "1A": ("AI", "Anguilla"),
    "B8": ("AQ", "Antarctica"),
    "B9": ("AG", "Antigua and Barbuda"),
    "C1": ("AR", "Argentina"),
    "1B": ("AM", "Armenia"),
    "1C": ("AW", "Aruba"),
    "C3": ("AU", "Australia"),
    "C4": ("AT", "Austria"),
    "1D": ("AZ", "Azerbaijan"),
    "C5": ("BS", "Bahamas"),
    "C6": ("BH", "Bahrain"),
    "C7": ("BD", "Bangladesh"),
    "C8": ("BB", "Barbados"),
    "1F": ("BY", "Belarus"),
    "C9": ("BE", "Belgium"),
    "D1": ("BZ", "Belize"),
    "G6": ("BJ", "Benin"),
    "D0": ("BM", "Bermuda"),
    "D2": ("BT", "Bhutan"),
    "D3": ("BO", "Bolivia"),
    "1E": ("BA", "Bosnia and Herzegovina"),
    "B1": ("BW", "Botswana"),
    "D4": ("BV", "Bouvet Island"),
    "D5": ("BR", "Brazil"),
    "D6": ("IO", "British Indian Ocean Territory"),
    "D9": ("BN", "Brunei Darussalam"),
    "E0": ("BG", "Bulgaria"),
    "X2": ("BF", "Burkina Faso"),
    "E2": ("BI", "Burundi"),
    "E3": ("KH", "Cambodia"),
    "E4": ("CM", "Cameroon"),
    "E8": ("CV", "Cape Verde"),
    "E9": ("KY", "Cayman Islands"),
    "F0": ("CF", "Central African Republic"),
    "F2": ("TD", "Chad"),
    "F3": ("CL", "Chile"),
    "F4": ("CN", "China"),
    "F6": ("CX", "Christmas Island"),
    "F7": ("CC", "Cocos (Keeling) Islands"),
    "F8": ("CO", "Colombia"),
    "F9": ("KM", "Comoros"),
    "G0": ("CG", "Congo"),
    "Y3": ("CD", "Congo, the Democratic Republic of the"),
    "G1": ("CK", "Cook Islands"),
    "G2": ("CR", "Costa Rica"),
    "L7": ("CI", "Cote d'Ivoire"),
    "1M": ("HR", "Croatia"),
    "G3": ("CU", "Cuba"),
    "G4": ("CY", "Cyprus"),
    "2N": ("CZ", "Czech Republic"),
    "G7": ("DK", "Denmark"),
    "1G": ("DJ", "Djibouti"),
    "G9": ("DM", "Dominica"),
    "G8": ("DO", "Dominican Republic"),
    "H1": ("EC", "Ecuador"),
    "H2": ("EG", "Egypt"),
    "H3": ("SV", "El Salvador"),
    "H4": ("GQ", "Equatorial Guinea"),
    "1J": ("ER", "Eritrea"),
    "1H": ("EE", "Estonia"),
    "H5": ("ET", "Ethiopia"),
    "H7": ("FK", "Falkland Islands (Malvinas)"),
    "H6": ("FO", "Faroe Islands"),
    "H8": ("FJ", "Fiji"),
    "H9": ("FI", "Finland"),
    "I0": ("FR", "France"),
    "I3": ("GF", "French Guiana"),
    "I4": ("PF", "French Polynesia"),
    "2C": ("TF", "French Southern Territories"),
    "I5": ("GA", "Gabon"),
    "I6": ("GM", "Gambia"),
    "2Q": ("GE", "Georgia"),
    "2M": ("DE", "Germany"),
    "J0": ("GH", "Ghana"),
    "J1": ("GI", "Gibraltar"),
    "J3": ("GR", "Greece"),
    "J4": ("GL", "Greenland"),
    "J5": ("GD", "Grenada"),
    "J6": ("GP", "Guadeloupe"),
    "GU": ("GU", "Guam"),
    "J8": ("GT", "Guatemala"),
    "Y7": ("GG", "Guernsey"),
    "J9": ("GN", "Guinea"),
    "S0": ("GW", "Guinea-Bissau"),
    "K0": ("GY", "Guyana"),
    "K1": ("HT", "Haiti"),
    "K4": ("HM", "Heard Island and McDonald Islands"),
    "X4": ("VA", "Holy See (Vatican City State)"),
    "K2": ("HN", "Honduras"),
    "K3": ("HK", "Hong Kong"),
    "K5": ("HU", "Hungary"),
    "K6": ("IS", "Iceland"),
    "K7": ("IN", "India"),
    "K8": ("ID", "Indonesia"),
    "K9": ("IR", "Iran, Islamic Republic of"),
    "L0": ("IQ", "Iraq"),
    "L2": ("IE", "Ireland"),
    "Y8": ("IM", "Isle of Man"),
    "L3": ("IL", "Israel"),
    "L6": ("IT", "Italy"),
    "L8": ("JM", "Jamaica"),
    "M0": ("JP", "Japan"),
    "Y9": ("JE", "Jersey"),
    "M2": ("JO", "Jordan"),
    "1P": ("KZ", "Kazakhstan"),
    "M3": ("KE", "Kenya"),
    "J2": ("KI", "Kiribati"),
    "M4": ("KP", "Korea, Democratic People's Republic of"),
    "M5": ("KR", "Korea, Republic of"),
    "M6": ("KW", "Kuwait"),
    "1N": ("KG", "Kyrgyzstan"),
    "M7": ("LA", "Lao People's Democratic Republic"),
    "1R": ("LV", "Latvia"),
    "M8": ("LB", "Lebanon"),
    "M9": ("LS", "Lesotho"),
    "N0": ("LR", "Liberia"),
    "N1": ("LY", "Libya"),
    "N2": ("LI", "Liechtenstein"),
    "1Q": ("LT", "Lithuania"),
    "N4": ("LU", "Luxembourg"),
    "N5": ("MO", "Macau"),
    "1U": ("MK", "North Macedonia"),
    "N6": ("MG", "Madagascar"),
    "N7": ("MW", "Malawi"),
    "N8": ("MY", "Malaysia"),
    "N9": ("MV", "Maldives"),
    "O0": ("ML", "Mali"),
    "O1": ("MT", "Malta"),
    "1T": ("MH", "Marshall Islands"),
    "O2": ("MQ", "Martinique"),
    "O3": ("MR", "Mauritania"),
    "O4": ("MU", "Mauritius"),
    "2P": ("YT", "Mayotte"),
    "O5": ("MX", "Mexico"),
    "1K": ("FM", "Micronesia, Federated States of"),
    "1S": ("MD", "Moldova, Republic of"),
    "O9": ("MC", "Monaco"),
    "P0": ("MN", "Mongolia"),
    "Z5": ("ME", "Montenegro"),
    "P1": ("MS", "Montserrat"),
    "P2": ("MA", "Morocco"),
    "P3": ("MZ", "Mozambique"),
    "E1": ("MM", "Myanmar"),
    "T6": ("NA", "Namibia"),
    "P5": ("NR", "Nauru"),
    "P6": ("NP", "Nepal"),
    "P7": ("NL", "Netherlands"),
    "P8": (None, "Netherlands Antilles"),  # dissolved in 2010: no current ISO code
    "1W": ("NC", "New Caledonia"),
    "Q2": ("NZ", "New Zealand"),
    "Q3": ("NI", "Nicaragua"),
    "Q4": ("NE", "Niger"),
    "Q5": ("NG", "Nigeria"),
    "Q6": ("NU", "Niue"),
    "Q7": ("NF", "Norfolk Island"),
    "1V": ("MP", "Northern Mariana Islands"),
    "Q8": ("NO", "Norway"),
    "P4": ("OM", "Oman"),
    "R0": ("PK", "Pakistan"),
    "1Y": ("PW", "Palau"),
    "1X": ("PS", "Palestinian Territory, Occupied"),
    "R1": ("PA", "Panama"),
    "R2": ("PG", "Papua New Guinea"),
    "R4": ("PY", "Paraguay"),
    "R5": ("PE", "Peru"),
    "R6": ("PH", "Philippines"),
    "R8": ("PN", "Pitcairn"),
    "R9": ("PL", "Poland"),
    "S1": ("PT", "Portugal"),
    "PR": ("PR", "Puerto Rico"),
    "S3": ("QA", "Qatar"),
    "S4": ("RE", "Reunion"),
    "S5": ("RO", "Romania"),
    "1Z": ("RU", "Russian Federation"),
    "S6": ("RW", "Rwanda"),
    "Z0": ("BL", "Saint Barthelemy"),
    "U8": ("SH", "Saint Helena"),
    "U7": ("KN", "Saint Kitts and Nevis"),
    "U9": ("LC", "Saint Lucia"),
    "Z1": ("MF", "Saint Martin"),
    "V0": ("PM", "Saint Pierre and Miquelon"),
    "V1": ("VC", "Saint Vincent and the Grenadines"),
    "Y0": ("WS", "Samoa"),
    "S8": ("SM", "San Marino"),
    "S9": ("ST", "Sao Tome and Principe"),
    "T0": ("SA", "Saudi Arabia"),
    "T1": ("SN", "Senegal"),
    "Z2": ("RS", "Serbia"),
    "T2": ("SC", "Seychelles"),
    "T8": ("SL", "Sierra Leone"),
    "U0": ("SG", "Singapore"),
    "2B": ("SK", "Slovakia"),
    "2A": ("SI", "Slovenia"),
    "D7": ("SB", "Solomon Islands"),
    "U1": ("SO", "Somalia"),
    "T3": ("ZA", "South Africa"),
    "1L": ("GS", "South Georgia and the South Sandwich Islands"),
    "U3": ("ES", "Spain"),
    "F1": ("LK", "Sri Lanka"),
    "V2": ("SD", "Sudan"),
    "V3": ("SR", "Suriname"),
    "L9": ("SJ", "Svalbard and Jan Mayen"),
    "V6": ("SZ", "Eswatini (Swaziland)"),
    "V7": ("SE", "Sweden"),
    "V8": ("CH", "Switzerland"),
    "V9": ("SY", "Syrian Arab Republic"),
    "F5": ("TW", "Taiwan"),
    "2D": ("TJ", "Tajikistan"),
    "W0": ("TZ", "Tanzania, United Republic of"),
    "W1": ("TH", "Thailand"),
    "Z3": ("TL", "Timor-Leste"),
    "W2": ("TG", "Togo"),
    "W3": ("TK", "Tokelau"),
    "W4": ("TO", "Tonga"),
    "W5": ("TT", "Trinidad and Tobago"),
    "W6": ("TN", "Tunisia"),
    "W8": ("TR", "Turkey"),
    "2E": ("TM", "Turkmenistan"),
    "W7": ("TC", "Turks and Caicos Islands"),
    "2G": ("TV", "Tuvalu"),
    "W9": ("UG", "Uganda"),
    "2H": ("UA", "Ukraine"),
    "C0": ("AE", "United Arab Emirates"),
    "X0": ("GB", "United Kingdom"),
    "2J": ("UM", "United States Minor Outlying Islands"),
    "X3": ("UY", "Uruguay"),
    "2K": ("UZ", "Uzbekistan"),
    "2L": ("VU", "Vanuatu"),
    "X5": ("VE", "Venezuela"),
    "Q1": ("VN", "Viet Nam"),
    "D8": ("VG", "Virgin Islands, British"),
    "VI": ("VI", "Virgin Islands, U.S."),
    "X8": ("WF", "Wallis and Futuna"),
    "U5": ("EH", "Western Sahara"),
    "T7": ("YE", "Yemen"),
    "Y4": ("ZM", "Zambia"),
    "Y5": ("ZW", "Zimbabwe"),
    "XX": (None, "Unknown"),
}


def _iso(code: str) -> str | None:
    c = code.strip().upper()
    if c in US_STATES:
        return f"US-{c}"
    entry = EDGAR_LOCATIONS.get(c)
    return entry[0] if entry else None


def is_edgar_code(text: str) -> bool:
    """True when ``text`` is a code of the EDGAR list (a state, province or country).

    Examples
    --------
    >>> is_edgar_code("E9"), is_edgar_code("Delaware")
    (True, False)
    """
    c = text.strip().upper()
    return c in US_STATES or c in EDGAR_LOCATIONS


@functools.lru_cache(maxsize=512)
def edgar_location(code: str) -> Jurisdiction:
    """The place an EDGAR location code stands for; ``code`` is ``None`` when unknown."""
    text = code.strip()
    iso = _iso(text)
    if iso is None:
        return Jurisdiction(text)
    return Jurisdiction(text, iso, iso[:2])


def edgar_location_name(code: str) -> str | None:
    """The name of the place an EDGAR location code stands for, as the EDGAR list gives it.

    Examples
    --------
    >>> edgar_location_name("de"), edgar_location_name("Q0") is None
    ('Delaware', True)
    """
    c = code.strip().upper()
    if c in _STATE_NAMES:
        return _STATE_NAMES[c]
    entry = EDGAR_LOCATIONS.get(c)
    return entry[1] if entry else None


def edgar_country(code: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 country of an EDGAR location code.

    Examples
    --------
    >>> edgar_country("CA"), edgar_country("K3"), edgar_country(None)
    ('US', 'HK', None)
    """
    if not code:
        return None
    return edgar_location(code).country
