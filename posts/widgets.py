from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import InlineStyle, Media


class EditorWidget(AdminProseEditorWidget):
    """The admin's rich-text editor, working under the site's Content Security Policy.

    Tiptap writes its base styles into a <style> element it creates, which the policy
    blocks, unless the page already has one marked `data-tiptap-style`. So the page
    gets an empty one, carrying the request's nonce like the rest of the admin's media
    ({% csp_nonce_attr media %}), and the styles come from a static file. The import map
    the editor needs is an inline script too; it gets the same nonce.
    """

    @property
    def media(self):
        return super().media + Media(
            css={
                "all": [
                    "css/editor-core.css",
                    InlineStyle("", **{"data-tiptap-style": ""}),
                ]
            }
        )
