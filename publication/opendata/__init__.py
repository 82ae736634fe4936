"""The open datasets: funded projects, and the programme periods the public may read.

Each dataset is defined once, in this package: its fields (name, type, title, description,
example, whether required) drive the documentation page, the CSV header and cells, the JSON
output and the Frictionless Table Schema served beside the files, so none of them can drift
from the others. schema.py has the machinery; funded_projects.py and programme.py the datasets.

No personal data: the projects come from Application.objects.funded() only, and only with the
fields the public project page shows. No project leader, contact person, e-mail, phone, user,
recommendation or comment; no author of a commitment update.
"""

from .funded_projects import PROJECTS
from .programme import PROGRAMMES
from .schema import LICENCE, Dataset, Field, Level

DATASETS = {dataset.slug: dataset for dataset in (PROJECTS, PROGRAMMES)}

__all__ = ["DATASETS", "LICENCE", "PROGRAMMES", "PROJECTS", "Dataset", "Field", "Level"]
