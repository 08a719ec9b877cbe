//! io_message: an operating system's I/O error → a Chinese reason.
//!
//! `std::io::Error` displays in English (`No such file or directory (os
//! error 2)`), and it reaches people through every message about a file
//! that could not be read, listed or written. The common kinds get a short
//! Chinese reason; any other says which system error it was, by number, so
//! that it can still be looked up. The path is not part of the reason: the
//! sentence around it names the file once.

use std::io::{Error, ErrorKind};

/// A Chinese reason for `error`, without the path.
pub fn io_message(error: &Error) -> String {
    let reason = match error.kind() {
        ErrorKind::NotFound => "文件或文件夹不存在",
        ErrorKind::PermissionDenied => "没有访问权限",
        ErrorKind::IsADirectory => "这是文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        ErrorKind::AlreadyExists => "已经存在",
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::ReadOnlyFilesystem => "文件系统是只读的",
        ErrorKind::FileTooLarge => "文件过大",
        ErrorKind::ResourceBusy => "文件正被占用",
        ErrorKind::UnexpectedEof => "文件意外结束（可能不完整）",
        ErrorKind::Interrupted => "读写被中断",
        ErrorKind::WouldBlock => "暂时无法读写",
        ErrorKind::BrokenPipe => "接收输出的管道已关闭",
        ErrorKind::TimedOut => "读写超时",
        ErrorKind::OutOfMemory => "内存不足",
        ErrorKind::StaleNetworkFileHandle => "网络文件已失效",
        _ if is_loop(error) => "符号链接形成了循环",
        _ => {
            return match error.raw_os_error() {
                Some(code) => format!("系统错误（错误码 {code}）"),
                None => "读写出错".to_owned(),
            };
        }
    };
    reason.to_owned()
}

/// Too many levels of symbolic links (ELOOP), which has no stable kind.
fn is_loop(error: &Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_kinds_read_in_chinese_and_others_by_number() {
        let missing = std::fs::File::open("/没有这个文件夹/报告.txt").map(drop).unwrap_err();
        assert_eq!(io_message(&missing), "文件或文件夹不存在");
        assert_eq!(io_message(&Error::from(ErrorKind::PermissionDenied)), "没有访问权限");
        assert_eq!(io_message(&Error::from_raw_os_error(9999)), "系统错误（错误码 9999）");
        assert_eq!(io_message(&Error::other("x")), "读写出错");
    }
}
