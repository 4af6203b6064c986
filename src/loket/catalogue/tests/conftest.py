import pytest

from loket.catalogue.tests.factories import ProductFactory

HEADER = (
    "UniformeProductnaam,URI,Rijk,Provincie,Waterschap,Gemeente,Burger,Bedrijf,Dienstenwet,SDG,"
    "Autonomie,Medebewind,Aanvraag,Subsidie,Melding,Verplichting,Grondslag,Grondslaglabel,"
    "Grondslaglink"
)
T = "http://standaarden.overheid.nl/owms/terms/"
# Two rows for paspoort (two legal bases), one for a company product, one rijk-only product.
ROWS = [
    "UPL-naam nog niet beschikbaar," + T + "UPL-naam_nog_niet_beschikbaar,X,X,X,X,,,,,,,,,,,,,",
    "paspoort,"
    + T
    + "paspoort,,,,X,X,,,B3,,X,X,,,,"
    + T
    + "PW_art_40,Artikel 40 Paspoortwet,https://wetten.overheid.nl/jci1.3:c:BWBR0005212&artikel=40",
    "paspoort,"
    + T
    + "paspoort,,,,X,X,,,B3,,X,X,,,,"
    + T
    + "PW_art_26,Artikel 26 Paspoortwet ,https://wetten.overheid.nl/jci1.3:c:BWBR0005212&artikel=26",
    "terrasvergunning," + T + "terrasvergunning,,,,X,,X,X,,X,,X,,,,,,",
    "kentekenbewijs," + T + "kentekenbewijs,X,,,,X,X,,,,,X,,,,,,",
]


def write_csv(tmp_path, rows=None, header=HEADER, name="upl.csv", encoding="utf-8"):
    path = tmp_path / name
    text = "\n".join([header, *(ROWS if rows is None else rows)]) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def upl_file(tmp_path):
    return write_csv(tmp_path)


@pytest.fixture
def products(db):
    """A small catalogue: two municipal products (one for companies) and one of the Rijk."""
    paspoort = ProductFactory(
        upl_naam="paspoort",
        is_gemeente=True,
        doelgroep_burger=True,
        is_aanvraag=True,
        sdg_code="B3;C1",
        grondslagen=[{"label": "Artikel 40 Paspoortwet", "uri": T + "PW_art_40", "link": ""}],
        titel="Paspoort aanvragen",
    )
    terras = ProductFactory(
        upl_naam="terrasvergunning",
        is_gemeente=True,
        doelgroep_bedrijf=True,
        is_aanvraag=True,
    )
    kenteken = ProductFactory(upl_naam="kentekenbewijs", is_rijk=True, doelgroep_burger=True)
    uit = ProductFactory(upl_naam="afvalpas", is_gemeente=True, is_actief=False)
    return {"paspoort": paspoort, "terras": terras, "kenteken": kenteken, "uit": uit}
