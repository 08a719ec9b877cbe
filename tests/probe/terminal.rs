//! What reaches the terminal and the renderer: long lines, control characters.
