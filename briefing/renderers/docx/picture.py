"""A picture's part and inline drawing, for every JPEG our image reader accepts.

python-docx recognises a JPEG only by a JFIF (APP0) or Exif (APP1) segment right after
the start-of-image marker. A valid JPEG that begins otherwise (Adobe's APP14 first, as
Photoshop and Pillow write CMYK files, or no APP segment at all) makes it raise
``UnrecognizedImageError``, which ended a render in an internal error. Such a file goes
in as its own bytes through python-docx's JPEG header type, with the pixel size from
the frame header that briefing/figures already reads; the placed size is ours in any
case, so the dpi python-docx would have read does not matter.
"""

from __future__ import annotations

import io

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.image.jpeg import Jpeg
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.parts.story import StoryPart
from docx.shared import Emu

from briefing import tree
from briefing.figures.resample import pixel_size


def pic_inline(part: StoryPart, picture: tree.Picture, cx: int, cy: int) -> CT_Inline:
    """A ``wp:inline`` drawing of ``picture`` (PNG or JPEG bytes) ``cx`` by ``cy`` EMU,
    its image part added to (or found in) the package and related to ``part``."""
    try:
        return part.new_pic_inline(io.BytesIO(picture.data), cx, cy)
    except UnrecognizedImageError:
        size = pixel_size(picture) if picture.format == "jpeg" else None
        if size is None:
            raise  # our reader accepted no such file: a bug, reported as one
    image = Image(picture.data, "image.jpg", Jpeg(size[0], size[1], 72, 72))
    package = part.package
    image_parts = package.image_parts
    found = next((p for p in image_parts if p.sha1 == image.sha1), None)
    if found is None:
        taken = {str(p.partname) for p in package.iter_parts()}
        n = 1 + sum(1 for name in taken if name.startswith("/word/media/"))
        while f"/word/media/image{n}.jpg" in taken:
            n += 1
        found = ImagePart.from_image(image, PackURI(f"/word/media/image{n}.jpg"))
        image_parts.append(found)
    rid = part.relate_to(found, RT.IMAGE)
    return CT_Inline.new_pic_inline(part.next_id, rid, image.filename, Emu(cx), Emu(cy))
